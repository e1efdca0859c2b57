/// Wall-clock instant in milliseconds since 1970-01-01T00:00:00Z. The journal and the wire keep milliseconds;
/// intervals are measured on the monotonic clock, never by subtracting these.
public struct UnixTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    /// The millisecond the instant falls in: floored, never rounded, so an instant 0.4 ms before a fiscal year,
    /// demand window or day ends stays in it. Seconds that are already a whole millisecond (a time written by
    /// `SenMLPack`, or any decimal with at most three places) keep that millisecond, though the Double nearest
    /// to them may lie a hair below it: the nearest millisecond is taken, and stepped back one only when it is
    /// truly later than the instant (its own nearest Double is greater).
    public init(seconds: Double) {
        var ms = (seconds * 1000).rounded()
        if ms / 1000 > seconds { ms -= 1 }
        self.milliseconds = Int64(ms)
    }
    public var seconds: Double { Double(milliseconds) / 1000 }
    public static func < (a: Self, b: Self) -> Bool { a.milliseconds < b.milliseconds }
    public func adding(seconds: Double) -> UnixTime { UnixTime(milliseconds: milliseconds + Int64((seconds * 1000).rounded())) }

    /// Before 2020 a board's clock has not been set (no RTC boots at 1970); no real reading is that old.
    public var isPlausiblySynchronised: Bool { milliseconds >= 1_577_836_800_000 }

    public var description: String { CivilTime(self, offsetSeconds: 0).iso8601 + "Z" }
}
