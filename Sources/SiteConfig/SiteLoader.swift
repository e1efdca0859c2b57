import GatewayCore

/// Loads and checks a site file and its board file. Nothing is half-loaded: either every check passes and the
/// site comes back fully resolved, or every problem found in both files is thrown together.
public enum SiteLoader {
    public static func load(siteFile: String) throws(SiteConfigErrors) -> LoadedSite {
        let file: YAMLFile
        switch YAMLFile.read(siteFile) {
        case .success(let read): file = read
        case .failure(let error): throw SiteConfigErrors([error])
        }
        let parser = SiteFileParser(siteFile: file)
        let outcome = parser.parse()
        guard let site = outcome.site, let boardFile = outcome.boardFile else {
            throw SiteConfigErrors(parser.site.errors + outcome.boardErrors,
                                   notKept: parser.site.notKept + outcome.boardNotKept)
        }
        return LoadedSite(site: site, siteFile: siteFile, boardFile: boardFile.path,
                          configHash: ConfigHash.fnv1a64([file.bytes, boardFile.bytes]))
    }
}
