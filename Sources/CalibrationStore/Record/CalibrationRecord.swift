import GatewayCore

/// One calibration of one sensor, as a technician recorded it. Records are never edited: a later record with a
/// later `validFrom` supersedes this one, and this one stays in the history.
public struct CalibrationRecord: Hashable, Sendable {
    /// Unique across the calibration directory; readings and recharge figures cite it for traceability.
    public var id: String
    public var channel: ChannelID?
    /// The sensor's own serial number, so a record follows the instrument if it moves to another channel.
    public var serial: String?
    public var method: RecordMethod
    public var validFrom: UnixTime
    public var measuredBy: String
    public var referenceInstrument: String
    public var notes: String?

    public init(id: String, channel: ChannelID?, serial: String? = nil, method: RecordMethod,
                validFrom: UnixTime, measuredBy: String, referenceInstrument: String, notes: String? = nil) {
        self.id = id
        self.channel = channel
        self.serial = serial
        self.method = method
        self.validFrom = validFrom
        self.measuredBy = measuredBy
        self.referenceInstrument = referenceInstrument
        self.notes = notes
    }

    /// The corrected value for a raw reading, or nil when this record does not transform values (a K-factor
    /// scales pulses, a tape reference sets a datum: both are applied by the code that knows their units).
    public func apply(_ raw: Double) -> Double? { method.correction?.apply(raw) }
}
