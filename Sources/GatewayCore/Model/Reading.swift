/// How far a reading can be trusted. Sensors that fail report `fault` with no value rather than a silent NaN.
public enum ReadingQuality: String, Sendable, Hashable {
    case good
    /// Taken before the wall clock was synchronised; the timestamp is provisional.
    case clockUnsynchronised = "clock-unsync"
    /// A 4–20 mA reading in a NAMUR NE 43 saturation band (3.6–3.8 or 20.5–21 mA): the process is beyond the
    /// transmitter's span, and the value is that end of the span, a bound rather than a measurement.
    case saturated
    case fault
}

/// The identity a receiver dedupes on and finds gaps with.
public struct ReadingKey: Hashable, Sendable, Comparable {
    public var device: DeviceID
    public var channel: ChannelID
    public var sequence: UInt64
    public init(device: DeviceID, channel: ChannelID, sequence: UInt64) {
        self.device = device
        self.channel = channel
        self.sequence = sequence
    }
    public static func < (a: Self, b: Self) -> Bool {
        (a.device, a.channel, a.sequence) < (b.device, b.channel, b.sequence)
    }
}

/// One sample of one channel, as journaled and published.
/// `value` is the instantaneous value (or, for totalizers, the increment over the interval);
/// `sum` is the running total for totalizers (SenML `s`).
public struct Reading: Hashable, Sendable {
    public var key: ReadingKey
    public var time: UnixTime
    public var value: MeasuredValue?
    public var sum: MeasuredValue?
    public var quality: ReadingQuality
    public var calibrationID: String?
    /// Why a reading is a fault, in words a technician can act on.
    public var fault: String?
    /// For a quantity the board derived (recharge, demand, depth to water): the method and the parameters
    /// that made it, so a KPI can be traced back to how it was computed.
    public var method: String?
    /// CLOCK_MONOTONIC at sampling and the boot it counts from: a timeline that never jumps, for restamping
    /// readings taken before the wall clock was set.
    public var monotonicNanoseconds: UInt64?
    public var bootID: String?

    public init(key: ReadingKey, time: UnixTime, value: MeasuredValue?, sum: MeasuredValue? = nil,
                quality: ReadingQuality = .good, calibrationID: String? = nil, fault: String? = nil,
                method: String? = nil) {
        self.key = key
        self.time = time
        self.value = value
        self.sum = sum
        self.quality = quality
        self.calibrationID = calibrationID
        self.fault = fault
        self.method = method
    }
}
