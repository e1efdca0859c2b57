import GatewayCore

/// A reading as stored: its row id orders publication and is what a PUBACK marks sent.
public struct JournaledReading: Sendable, Hashable {
    public var rowID: Int64
    public var reading: Reading
    public var sentAt: UnixTime?
}

/// What the journal remembers per channel across restarts: the last sequence number used and, for pulse
/// channels, the pulse total (so totals continue after a reboot instead of resetting to zero).
public struct ChannelState: Sendable, Hashable {
    public var device: DeviceID
    public var channel: ChannelID
    public var lastSequence: UInt64
    /// The pulse total of the channel's last recorded reading: the next reading's increment counts from it.
    public var pulseTotal: UInt64
    /// The running pulse total at the last checkpoint (at most a second old while pulses come), which may be
    /// ahead of `pulseTotal`: after a crash the counter continues from the larger of the two.
    public var pulseCheckpoint: UInt64
    /// A totalizer's running total at its last recorded reading, in the channel's unit: each increment was
    /// converted with the scale in force when it was counted, so it is not `pulseTotal` times today's scale.
    /// Nil for other channels, and for a journal written before totals were kept in the unit with no reading left.
    public var meteredTotal: Double?
    public init(device: DeviceID, channel: ChannelID, lastSequence: UInt64, pulseTotal: UInt64, pulseCheckpoint: UInt64 = 0,
                meteredTotal: Double? = nil) {
        self.device = device
        self.channel = channel
        self.lastSequence = lastSequence
        self.pulseTotal = pulseTotal
        self.pulseCheckpoint = pulseCheckpoint
        self.meteredTotal = meteredTotal
    }

    /// Where a restarted pulse counter continues: the last checkpoint, or the last reading if that is newer.
    public var pulsesCounted: UInt64 { max(pulseTotal, pulseCheckpoint) }
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
