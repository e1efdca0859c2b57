/// Calendar fields of an instant at a fixed UTC offset. Japan has had no daylight saving since 1951, so JST is
/// always +09:00 and needs no time-zone database on the board.
public struct CivilTime: Hashable, Sendable {
    public static let jstOffsetSeconds = 9 * 3600

    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    public init(_ t: UnixTime, offsetSeconds: Int) {
        let localMs = t.milliseconds + Int64(offsetSeconds) * 1000
        let ms = ((localMs % 86_400_000) + 86_400_000) % 86_400_000
        let days = (localMs - ms) / 86_400_000
        (year, month, day) = CivilTime.civil(fromDays: days)
        hour = Int(ms / 3_600_000)
        minute = Int(ms / 60_000 % 60)
        second = Int(ms / 1000 % 60)
        millisecond = Int(ms % 1000)
    }

    public static func jst(_ t: UnixTime) -> CivilTime { CivilTime(t, offsetSeconds: jstOffsetSeconds) }

    /// The instant of a civil time at the given offset.
    public static func instant(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                               offsetSeconds: Int) -> UnixTime {
        let days = daysFromCivil(year: year, month: month, day: day)
        let s = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return UnixTime(milliseconds: s * 1000)
    }

    public static func jstInstant(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) -> UnixTime {
        instant(year: year, month: month, day: day, hour: hour, minute: minute, offsetSeconds: jstOffsetSeconds)
    }

    public var iso8601: String {
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))"
    }

    // Howard Hinnant's days-from-civil algorithms (public domain), proleptic Gregorian.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}
