import YAMLReader

/// Where a site's board file is: `Board/<board>.yaml` next to the `sites/` folder, or `board-file:` relative
/// to the site file.
enum BoardFileLocation {
    static func path(siteFile: String, board: String, boardFile: String?) -> String {
        let siteFolder = PathText.folder(of: siteFile)
        if let boardFile {
            return boardFile.hasPrefix("/") ? boardFile : PathText.join(siteFolder, boardFile)
        }
        return PathText.join(parent(of: siteFolder), board + ".yaml")
    }

    private static func parent(of folder: String) -> String {
        let last = PathText.lastComponent(of: folder)
        if folder.isEmpty || last == "." { return ".." }
        if last == ".." { return folder + "/.." }
        return PathText.folder(of: folder)
    }
}
