/// The paddy level logged for one day; nil when the sensor gave no good reading that day.
public struct DailyPondedDepth: Hashable, Sendable {
    public var date: CivilDate
    public var depth: Millimetres?
    public init(date: CivilDate, depth: Millimetres?) {
        self.date = date
        self.depth = depth
    }
}

/// A run of days inside the season when the paddy was not flooded (Kumamoto lost 16 days in FY2019).
/// Recorded with start and end because the city reports them.
public struct FloodingInterruption: Hashable, Sendable {
    public var start: CivilDate
    /// Last dry day, inclusive.
    public var end: CivilDate
    public init(start: CivilDate, end: CivilDate) {
        self.start = start
        self.end = end
    }
    public var days: Int { Int(end.dayNumber - start.dayNumber) + 1 }
}

/// How a flooding season is counted: a day is flooded when the paddy held at least `minimumDepth`, and
/// at most `seasonCap` days count (raised from 90 to 120 in Kumamoto's contracts).
public struct FloodingRule: Hashable, Sendable {
    public var minimumDepth: Millimetres
    public var seasonCap: Int

    public init(minimumDepth: Millimetres, seasonCap: Int = 120) {
        self.minimumDepth = minimumDepth
        self.seasonCap = seasonCap
    }

    public struct InvalidLog: Error, Hashable, CustomStringConvertible {
        public var description: String
    }

    public func tally(_ log: [DailyPondedDepth]) throws(InvalidLog) -> FloodedDayTally {
        guard seasonCap >= 0 else { throw InvalidLog(description: "season cap \(seasonCap) must not be negative") }
        let days = log.sorted { $0.date < $1.date }
        for (a, b) in zip(days, days.dropFirst()) where a.date == b.date {
            throw InvalidLog(description: "paddy level log has two entries for \(a.date)")
        }
        // Missing days count as dry: a day without a good reading cannot be claimed as recharge.
        let flooded = Set(days.filter { ($0.depth?.value ?? -.infinity) >= minimumDepth.value }.map { $0.date.dayNumber })
        guard let first = flooded.min(), let last = flooded.max() else {
            return FloodedDayTally(rule: self, floodedDays: 0, interruptions: [])
        }
        var interruptions: [FloodingInterruption] = []
        var dryStart: Int64?
        for n in first...last {
            if flooded.contains(n) {
                if let s = dryStart {
                    interruptions.append(FloodingInterruption(start: CivilDate(dayNumber: s), end: CivilDate(dayNumber: n - 1)))
                    dryStart = nil
                }
            } else if dryStart == nil {
                dryStart = n
            }
        }
        return FloodedDayTally(rule: self, floodedDays: flooded.count, interruptions: interruptions)
    }
}

public struct FloodedDayTally: Hashable, Sendable {
    public var rule: FloodingRule
    /// Every day that met the minimum depth, before the cap.
    public var floodedDays: Int
    public var interruptions: [FloodingInterruption]

    /// The days that count toward recharge.
    public var countedDays: Int { min(floodedDays, rule.seasonCap) }
    public var isCapped: Bool { floodedDays > rule.seasonCap }
    public var interruptedDays: Int { interruptions.reduce(0) { $0 + $1.days } }
}
