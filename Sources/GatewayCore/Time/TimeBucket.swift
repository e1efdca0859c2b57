/// A fixed reporting interval in JST: 30-minute demand windows, hours, days. Buckets are cut on JST
/// boundaries from the instant alone, so a board whose system clock is set to UTC buckets the same way.
public struct TimeBucket: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Size: String, Hashable, Sendable, CaseIterable {
        case halfHour = "30min", hour = "1h", day = "1d"

        public var milliseconds: Int64 {
            switch self {
            case .halfHour: 1_800_000
            case .hour: 3_600_000
            case .day: 86_400_000
            }
        }
    }

    public let size: Size
    /// First instant in the bucket.
    public let start: UnixTime

    public init(_ size: Size, containing t: UnixTime) {
        let offset = Int64(CivilTime.jstOffsetSeconds) * 1000
        let local = t.milliseconds + offset
        let intoBucket = ((local % size.milliseconds) + size.milliseconds) % size.milliseconds
        self.size = size
        start = UnixTime(milliseconds: t.milliseconds - intoBucket)
    }

    /// First instant after the bucket.
    public var end: UnixTime { UnixTime(milliseconds: start.milliseconds + size.milliseconds) }
    public var duration: Duration { Duration(Double(size.milliseconds) / 1000) }
    public func contains(_ t: UnixTime) -> Bool { t >= start && t < end }
    public var next: TimeBucket { TimeBucket(size, containing: end) }

    public static func < (a: Self, b: Self) -> Bool { (a.start, a.size.milliseconds) < (b.start, b.size.milliseconds) }

    /// Start in JST, e.g. "2024-07-01T13:30+09:00".
    public var description: String {
        let c = CivilTime.jst(start)
        return String(c.iso8601.prefix(16)) + "+09:00"
    }
}
