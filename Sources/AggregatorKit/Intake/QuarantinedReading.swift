/// A reading that passed every check but its date or quality: kept aside for a technician, counted per
/// board in the report, and never summed into a KPI.
public struct QuarantinedReading: Sendable, Equatable {
    public enum Reason: String, Sendable, CaseIterable {
        /// Dated more than the tolerance after the time of receipt (a wrong clock, or RFC 8428's relative
        /// time turning `t: 31536000` into a year from now).
        case future
        /// Dated before 2020, or longer before the city first heard of the board than a backlog can be.
        case beforeFirstSeen = "before-first-seen"
        /// A quality this aggregator does not know: it cannot tell whether the value may be counted.
        case unknownQuality = "unknown-quality"
    }

    public var channel: String
    public var sequence: UInt64
    /// Resolved SenML time, seconds since 1970; finite, but possibly far outside any fiscal year.
    public var timeSeconds: Double
    public var value: Double?
    public var sum: Double?
    public var unit: String
    public var quality: String
    public var reason: Reason
}
