/// Japanese fiscal year: April 1 to March 31, in JST. FY2019 runs 2019-04-01 to 2020-03-31.
public struct FiscalYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let startYear: Int
    public init(_ startYear: Int) { self.startYear = startYear }

    public init(containing t: UnixTime) {
        let c = CivilTime.jst(t)
        startYear = c.month >= 4 ? c.year : c.year - 1
    }

    /// First instant of the fiscal year (April 1, 00:00 JST).
    public var start: UnixTime { CivilTime.jstInstant(year: startYear, month: 4, day: 1) }
    /// First instant after the fiscal year.
    public var end: UnixTime { CivilTime.jstInstant(year: startYear + 1, month: 4, day: 1) }
    public func contains(_ t: UnixTime) -> Bool { t >= start && t < end }

    public static func < (a: Self, b: Self) -> Bool { a.startYear < b.startYear }
    public var description: String { "FY\(startYear)" }
}
