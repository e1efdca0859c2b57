import Foundation

/// Where a site's board file is: `Board/<board>.yaml` next to the `sites/` folder, or `board-file:` relative
/// to the site file.
enum BoardFileLocation {
    static func path(siteFile: String, board: String, boardFile: String?) -> String {
        let siteFolder = (siteFile as NSString).deletingLastPathComponent
        if let boardFile {
            return boardFile.hasPrefix("/") ? boardFile : join(siteFolder, boardFile)
        }
        return join(parent(of: siteFolder), board + ".yaml")
    }

    private static func parent(of folder: String) -> String {
        let last = (folder as NSString).lastPathComponent
        if folder.isEmpty || last == "." { return ".." }
        if last == ".." { return folder + "/.." }
        return (folder as NSString).deletingLastPathComponent
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }
}
