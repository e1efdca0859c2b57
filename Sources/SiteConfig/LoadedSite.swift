import GatewayCore

/// A site that passed every check, with where it came from.
public struct LoadedSite: Sendable {
    public var site: Site
    /// The site file as given to `SiteLoader.load(siteFile:)`.
    public var siteFile: String
    /// The board file the site resolved to.
    public var boardFile: String
    /// Fingerprint of the site file bytes followed by the board file bytes (16 hex digits, FNV-1a 64). Published
    /// with the data so every number can be traced to the exact configuration that produced it.
    public var configHash: String

    public init(site: Site, siteFile: String, boardFile: String, configHash: String) {
        self.site = site
        self.siteFile = siteFile
        self.boardFile = boardFile
        self.configHash = configHash
    }
}
