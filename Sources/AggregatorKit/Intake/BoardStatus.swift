import SenML

/// A board's status as the aggregator keeps it: what `StatusIntake` accepted from the retained message on
/// the board's status topic, every field within range, its site and device those of the topic.
public struct BoardStatus: Codable, Sendable, Equatable {
    public struct Channel: Codable, Sendable, Equatable {
        public var id: String
        public var quantity: String
        public var role: String?
        public var unit: String
        public var intervalSeconds: Double
        public var driver: String
    }

    public enum State: String, Codable, Sendable { case online, offline }

    public var state: State
    public var site: String
    public var siteKind: String?
    public var municipality: String?
    public var device: String
    public var firmware: String?
    public var configHash: String?
    public var channels: [Channel]?
    public var failedSensors: [String: String]?
    public var backlog: Int?
    public var oldestUnsentTime: Double?
    public var losses: Int?
    public var clockSynchronised: Bool?
    public var journalMovedAside: String?
    public var resendUnavailable: Int?
    public var time: Double?
}

extension BoardStatus {
    /// A status built in code (tests, tools), taken as if it had arrived on its own board's topic.
    public init(_ s: DeviceStatus) {
        self.init(state: s.state == "offline" ? .offline : .online, site: s.site, siteKind: s.siteKind,
                  municipality: s.municipality, device: s.device, firmware: s.firmware, configHash: s.configHash,
                  channels: s.channels?.map {
                      Channel(id: $0.id, quantity: $0.quantity, role: $0.role, unit: $0.unit,
                              intervalSeconds: $0.intervalSeconds, driver: $0.driver)
                  },
                  failedSensors: s.failedSensors, backlog: s.backlog, oldestUnsentTime: s.oldestUnsentTime,
                  losses: s.losses, clockSynchronised: s.clockSynchronised, journalMovedAside: s.journalMovedAside,
                  resendUnavailable: s.resendUnavailable, time: s.time)
    }
}
