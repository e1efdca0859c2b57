import GatewayCore

/// One channel as `watch` and `commission` show it: the newest value with its unit, quality, time and
/// calibration record, a short history for the sparkline, and for a pulse channel its rate, running total and
/// the pulses the debounce rejected.
public struct ChannelView: Sendable {
    public var spec: ChannelSpec
    /// The sensor's value before calibration (known when sampling standalone, not from the journal).
    public var raw: Double?
    public var value: Double?
    public var quality: String
    public var time: UnixTime?
    public var calibrationID: String?
    /// Oldest first: values, or for a totalizer the amount of each reading.
    public var history: [Double]
    /// A totalizer's amount per minute over its last reading, in the channel's unit.
    public var ratePerMinute: Double?
    public var total: Double?
    public var rejectedGlitches: UInt64?
    public var fault: String?
    /// The sequence number of the newest reading (journal), or a count of samples (standalone).
    public var sequence: UInt64

    public init(spec: ChannelSpec) {
        self.spec = spec
        quality = "-"
        history = []
        sequence = 0
    }

    /// Seconds since the newest value was taken.
    public func age(at now: UnixTime) -> Double? {
        time.map { Double(now.milliseconds - $0.milliseconds) / 1000 }
    }
}
