/// A calendar day in JST: the unit paddies are counted flooded in and degree days are summed over.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The JST day an instant falls on, whatever zone the board's clock is set to.
    public init(containing t: UnixTime) {
        let c = CivilTime.jst(t)
        self.init(year: c.year, month: c.month, day: c.day)
    }

    /// Days since 1970-01-01, so that consecutive days differ by one.
    public var dayNumber: Int64 { CivilTime.daysFromCivil(year: year, month: month, day: day) }

    public init(dayNumber: Int64) {
        (year, month, day) = CivilTime.civil(fromDays: dayNumber)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + Int64(days)) }

    /// 00:00 JST on this day.
    public var start: UnixTime { CivilTime.jstInstant(year: year, month: month, day: day) }

    public static func < (a: Self, b: Self) -> Bool { a.dayNumber < b.dayNumber }

    public var description: String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}
