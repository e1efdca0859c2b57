import Foundation

/// The retained message on `<prefix>/<site>/<device>/status`: the birth message when online, the last will
/// (or a clean goodbye) when offline. Carries what the city needs to interpret the data stream.
public struct DeviceStatus: Codable, Equatable, Sendable {
    public struct Channel: Codable, Equatable, Sendable {
        public var id: String
        public var quantity: String
        public var role: String?
        public var unit: String
        public var intervalSeconds: Double
        public var driver: String
        public init(id: String, quantity: String, role: String?, unit: String, intervalSeconds: Double, driver: String) {
            self.id = id
            self.quantity = quantity
            self.role = role
            self.unit = unit
            self.intervalSeconds = intervalSeconds
            self.driver = driver
        }
    }

    public var state: String
    public var site: String
    public var siteKind: String?
    public var municipality: String?
    public var device: String
    public var firmware: String?
    public var configHash: String?
    public var channels: [Channel]?
    /// Sensors currently marked failed, with the reason.
    public var failedSensors: [String: String]?
    public var backlog: Int?
    public var oldestUnsentTime: Double?
    public var losses: Int?
    public var clockSynchronised: Bool?
    /// Where a journal SQLite found corrupt was moved at start-up (kept for forensics; its unsent readings
    /// were not sent), so the city knows to fetch it.
    public var journalMovedAside: String?
    /// Readings the city asked for again that the journal no longer held (thinned or pruned), since start.
    public var resendUnavailable: Int?
    public var time: Double?

    public init(state: String, site: String, siteKind: String? = nil, municipality: String? = nil, device: String,
                firmware: String? = nil, configHash: String? = nil, channels: [Channel]? = nil,
                failedSensors: [String: String]? = nil, backlog: Int? = nil, oldestUnsentTime: Double? = nil,
                losses: Int? = nil, clockSynchronised: Bool? = nil, journalMovedAside: String? = nil,
                resendUnavailable: Int? = nil, time: Double? = nil) {
        self.state = state
        self.site = site
        self.siteKind = siteKind
        self.municipality = municipality
        self.device = device
        self.firmware = firmware
        self.configHash = configHash
        self.channels = channels
        self.failedSensors = failedSensors
        self.backlog = backlog
        self.oldestUnsentTime = oldestUnsentTime
        self.losses = losses
        self.clockSynchronised = clockSynchronised
        self.journalMovedAside = journalMovedAside
        self.resendUnavailable = resendUnavailable
        self.time = time
    }

    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return Array((try? e.encode(self)) ?? Data())
    }

    public static func decode(_ payload: [UInt8]) -> DeviceStatus? {
        try? JSONDecoder().decode(DeviceStatus.self, from: Data(payload))
    }
}

/// Topic layout: `<prefix>/<site>/<device>/data` and `/status` from the board, `/resend` to it.
public struct TopicLayout: Sendable, Equatable {
    public var prefix: String
    public init(prefix: String) { self.prefix = prefix }
    public func data(site: String, device: String) -> String { "\(prefix)/\(site)/\(device)/data" }
    public func status(site: String, device: String) -> String { "\(prefix)/\(site)/\(device)/status" }
    /// Where the city asks a board for readings again (see `ResendRequest`).
    public func resend(site: String, device: String) -> String { "\(prefix)/\(site)/\(device)/resend" }
    public var allData: String { "\(prefix)/+/+/data" }
    public var allStatus: String { "\(prefix)/+/+/status" }

    /// (site, device, kind) of a topic under this prefix.
    public func parse(_ topic: String) -> (site: String, device: String, kind: String)? {
        let parts = topic.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let prefixParts = prefix.split(separator: "/").count
        guard parts.count == prefixParts + 3 else { return nil }
        return (parts[prefixParts], parts[prefixParts + 1], parts[prefixParts + 2])
    }
}
