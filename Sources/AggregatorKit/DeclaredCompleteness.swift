import GatewayCore

/// How many readings each board should have sent in a period, by the interval each channel declares in the
/// channel list of the board's status, against how many arrived.
///
/// The period runs from the board's first appearance (the first status or reading the city heard of it, or
/// the hour of its earliest reading if that is older) or the year start, whichever is later, to now or the year end,
/// whichever is earlier. So a board silent since November keeps falling behind, and missing readings at the
/// start or end of a year, or across the year end, count as missing. A channel with no declared interval (no
/// status received yet, or one that publishes irregularly, such as a predicted demand) falls back to its
/// sequence numbers: first to last seen in the year.
/// Counts come from the day rollups (`SiteReportQuery`), so the answer takes the same time for a year of any size.
enum DeclaredCompleteness {
    /// When a board appeared: the city's first contact with it (`firstSeen`), unless its earliest reading's hour
    /// is more than an hour older (a backlog of a board installed offline), which then stands. Nil if neither.
    static func appearance(firstSeen: UnixTime?, firstReadingHour: UnixTime?) -> UnixTime? {
        switch (firstSeen, firstReadingHour) {
        case let (seen?, hour?): hour.milliseconds + 3_600_000 < seen.milliseconds ? hour : seen
        case let (seen, hour): seen ?? hour
        }
    }

    /// How many readings of one channel of one board the year should hold by `now`: with a declared interval,
    /// one per interval from its appearance (or the year start) to `now` (or the year end), never fewer than
    /// arrived (a restart samples at once; the extra readings are real and never make a channel look
    /// over-complete); without one, the span of sequence numbers seen in the year.
    static func expected(received: Int, sequenceSpan: Int, interval: Double?, appeared: UnixTime?,
                         yearStart: UnixTime, yearEnd: UnixTime, asOf now: UnixTime) -> Int {
        guard let interval, interval.isFinite, interval > 0 else { return sequenceSpan }
        let from = max(yearStart.milliseconds, appeared?.milliseconds ?? yearEnd.milliseconds)
        let to = min(yearEnd.milliseconds, now.milliseconds)
        let due = to > from ? clampedCount((Double(to - from) / 1000 / interval).rounded(.down)) : 0
        return max(due, received)
    }
}
