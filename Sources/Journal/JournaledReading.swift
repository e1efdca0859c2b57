import GatewayCore

/// A reading as stored: its row id orders publication and is what a PUBACK marks sent.
public struct JournaledReading: Sendable, Hashable {
    public var rowID: Int64
    public var reading: Reading
    public var sentAt: UnixTime?
}

/// What the journal remembers per channel across restarts: the last sequence number used and, for pulse
/// channels, the running pulse total (so totals continue after a reboot instead of resetting to zero).
public struct ChannelState: Sendable, Hashable {
    public var device: DeviceID
    public var channel: ChannelID
    public var lastSequence: UInt64
    public var pulseTotal: UInt64
    public init(device: DeviceID, channel: ChannelID, lastSequence: UInt64, pulseTotal: UInt64) {
        self.device = device
        self.channel = channel
        self.lastSequence = lastSequence
        self.pulseTotal = pulseTotal
    }
}

/// The journal's health and backlog, for the status message.
public struct JournalSummary: Sendable, Equatable {
    public var unsentCount: Int
    public var oldestUnsent: UnixTime?
    public var totalCount: Int
    /// Readings dropped by the disk-budget policy, ever.
    public var losses: Int
    /// Set when the file was found corrupt at open and moved aside.
    public var recoveredFrom: String?
}
