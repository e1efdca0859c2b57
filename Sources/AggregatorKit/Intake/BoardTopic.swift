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
        // `<prefix>/<site>/<device>/<kind>`, read level by level from the topic's bytes (no arrays of its levels:
        // this runs for every message).
        let bytes = topic.utf8
        guard bytes.starts(with: prefix.utf8) else { return nil }
        var end = bytes.index(bytes.startIndex, offsetBy: prefix.utf8.count)
        func level() -> String? {
            guard end < bytes.endIndex, bytes[end] == 0x2F else { return nil }
            let start = bytes.index(after: end)
            end = bytes[start...].firstIndex(of: 0x2F) ?? bytes.endIndex
            return String(topic[start..<end])
        }
        guard let site = level(), let device = level(), let kindLevel = level(), end == bytes.endIndex,
              let kind = Kind(rawValue: kindLevel) else { return nil }
        guard IntakeName.isID(site), IntakeName.isID(device) else { return nil }
        self.init(site: site, device: device, kind: kind, topic: topic)
    }
}
