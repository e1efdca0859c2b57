/// Who sent a message, as the broker vouches for it: the site and device levels of the topic the ACL let
/// the sender's certificate publish on (`<prefix>/<site>/<device>/data|status`). The aggregator takes a
/// board's identity from here and never from the payload.
public struct BoardTopic: Sendable, Hashable {
    public enum Kind: String, Sendable { case data, status, commissioning }

    public var site: String
    public var device: String
    public var kind: Kind
    /// The topic as received, for log lines.
    public var topic: String

    public init(site: String, device: String, kind: Kind, topic: String) {
        self.site = site
        self.device = device
        self.kind = kind
        self.topic = topic
    }

    /// The board a topic under `prefix` belongs to, or nil when it is not a board's data or status topic
    /// or its site or device level is not a valid id (the broker's ACL grants no such topic).
    public init?(_ topic: String, prefix: String) {
        guard topic.utf8.count <= prefix.utf8.count + 2 * IntakeName.maximumIDLength + 16 else { return nil }
        let parts = topic.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let prefixParts = prefix.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == prefixParts.count + 3, Array(parts.prefix(prefixParts.count)) == prefixParts,
              let kind = Kind(rawValue: parts[prefixParts.count + 2]) else { return nil }
        let site = parts[prefixParts.count], device = parts[prefixParts.count + 1]
        guard IntakeName.isID(site), IntakeName.isID(device) else { return nil }
        self.init(site: site, device: device, kind: kind, topic: topic)
    }
}
