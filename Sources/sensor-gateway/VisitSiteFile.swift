import BoardCommandLine
import FieldText
import SiteConfig

/// The site file of `scan --config`, `watch` and `commission`: its problems printed as `check` prints them, and
/// exit status 2, as `run` exits for an unreadable site file.
enum VisitSiteFile {
    static func load(_ path: String) throws(CommandFailure) -> LoadedSite {
        do { return try SiteLoader.load(siteFile: path) } catch {
            print(error.text())
            throw .exit(2)
        }
    }
}
