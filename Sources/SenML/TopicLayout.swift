/// Topic layout: `<prefix>/<site>/<device>/data` and `/status` from the board, `/resend` to it.
public struct TopicLayout: Sendable, Equatable {
    public var prefix: String
    public init(prefix: String) { self.prefix = prefix }
    public func data(site: String, device: String) -> String { "\(prefix)/\(site)/\(device)/data" }
    public func status(site: String, device: String) -> String { "\(prefix)/\(site)/\(device)/status" }
    /// Where the city asks a board for readings again (see `ResendRequest`).
    public func resend(site: String, device: String) -> String { "\(prefix)/\(site)/\(device)/resend" }
    /// The board's last technician visit and the register drift it found, retained (`commission`).
    public func commissioning(site: String, device: String) -> String { "\(prefix)/\(site)/\(device)/commissioning" }
    public var allCommissioning: String { "\(prefix)/+/+/commissioning" }
    public var allData: String { "\(prefix)/+/+/data" }
    public var allStatus: String { "\(prefix)/+/+/status" }

    /// (site, device, kind) of a topic under this prefix.
    public func parse(_ topic: String) -> (site: String, device: String, kind: String)? {
        let parts = topic.split(separator: "/", omittingEmptySubsequences: false).map { String($0) }
        let prefixParts = prefix.split(separator: "/").count
        guard parts.count == prefixParts + 3 else { return nil }
        return (parts[prefixParts], parts[prefixParts + 1], parts[prefixParts + 2])
    }
}
