import Foundation

/// The bounds every number and string from a board is checked against before the aggregator computes with
/// it. A board's payload is input from a device that may be broken or in someone else's hands: nothing in it
/// may reach arithmetic, SQLite or the report unchecked.
public struct IntakeLimits: Sendable, Equatable {
    /// Largest accepted sequence number, exclusive: 2^53. Every integer below it is exact as a JSON number
    /// read as a double (a SenML consumer may read numbers no other way), it fits SQLite's INTEGER with
    /// room for `seq + 1`, and a board numbering a reading a second would take 285 million years to reach it.
    public static let sequenceBound: UInt64 = 1 << 53

    /// RFC 8428 §4.5.3: a resolved time below 2^28 seconds is relative to the time of receipt.
    public static let relativeTimeBound: Double = 268_435_456

    /// Readings from before 2020 come from a board whose clock was never set; SensorGateway did not exist.
    public static let earliestPlausibleSeconds: Double = 1_577_836_800

    /// A payload larger than this is refused unread. A board sends 50 readings a message (about 8 KiB);
    /// 512 KiB leaves room for 60 times that and keeps one message's parse bounded.
    public var maximumPayloadBytes = 512 * 1024
    /// Records in one pack (a board sends 50).
    public var maximumRecordsPerPack = 1_000
    /// How far past the time of receipt a reading may be dated: boards synchronise by NTP, and a few
    /// minutes covers a clock that has not yet been corrected. Later readings are quarantined.
    public var futureToleranceSeconds: Double = 300
    /// How long before the city first heard of a board its readings may be dated: the backlog of a board
    /// that was installed and stayed offline before it first reached the broker. Older ones are quarantined,
    /// so a board cannot rewrite a fiscal year that was already reported.
    public var backlogBeforeFirstSeenSeconds: Double = 30 * 86_400
    /// A value or running sum larger in magnitude than this is refused. Heat travels in SenML's joule: a city
    /// hall's district-heat meter counts about 1.3 TJ (1.3e12 J) a year and keeps counting for decades, so the
    /// bound is 1e16 J (2.8 TWh), beyond any site meter's register in any unit the boards use; sums of up to
    /// 2^53 readings of it stay finite.
    public var maximumMagnitude: Double = 1e16
    /// Channels announced in one status message.
    public var maximumChannelsPerStatus = 256
    /// Seconds between readings a channel may announce: 0 (derived channels, which follow their inputs) to
    /// one a year, and finite.
    public var maximumIntervalSeconds: Double = 366 * 86_400

    public init() {}
}
