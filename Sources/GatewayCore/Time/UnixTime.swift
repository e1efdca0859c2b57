/// Wall-clock instant in milliseconds since 1970-01-01T00:00:00Z. The journal and the wire keep milliseconds;
/// intervals are measured on the monotonic clock, never by subtracting these.
public struct UnixTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public init(seconds: Double) { self.milliseconds = Int64((seconds * 1000).rounded()) }
    public var seconds: Double { Double(milliseconds) / 1000 }
    public static func < (a: Self, b: Self) -> Bool { a.milliseconds < b.milliseconds }
    public func adding(seconds: Double) -> UnixTime { UnixTime(milliseconds: milliseconds + Int64((seconds * 1000).rounded())) }

    /// Before 2020 a board's clock has not been set (no RTC boots at 1970); no real reading is that old.
    public var isPlausiblySynchronised: Bool { milliseconds >= 1_577_836_800_000 }

    public var description: String { CivilTime(self, offsetSeconds: 0).iso8601 + "Z" }
}
