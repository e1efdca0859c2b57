import Foundation
import GatewayCore

/// The KPI questions answered from a store's hour and day rollups (`ReadingRollup`), the same way for SQLite and
/// PostgreSQL: a fiscal year of one channel is at most 365 day rows or 8,760 hour rows per board, whatever the
/// sampling interval, so `report --city` and every page read the same few rows at 1-minute sampling as at 10.
///
/// What each answer takes from a rollup row: totals from `valueTotal` (values neither fault nor saturated, a
/// totalizer's increment in the bucket holding its interval's middle); a day's mean from `valueTotal /
/// valueCount`; completeness from `count` against the channel's declared interval (`DeclaredCompleteness`).
/// Monthly sums and completeness come summed per month by the store (`monthlySums`, ≤ 12 rows a board), days' means from the day rows, hours
/// islanded from the hour rows.
///
/// Make one per report or page: it keeps the rows it read for the report's other questions (a feed's monthly
/// sums and its completeness are one read), so a long-lived one would answer from old rows.
public struct StoredKPIs: KPIQueries {
    public let store: any CityStore
    /// The instant completeness is counted up to (within the year): now, or a simulated clock's.
    public let asOf: UnixTime
    private let read = RowsRead()

    public init(_ store: any CityStore, asOf now: UnixTime = .current) {
        self.store = store
        asOf = now
    }

    private final class RowsRead: @unchecked Sendable {
        /// `resolution` nil: the months' sums.
        struct Key: Hashable { var resolution: ReadingRollup.Resolution?, site: String, channel: String, year: Int }
        let lock = NSLock()
        var rows: [Key: [ReadingRollup]] = [:]
    }

    /// Rollup rows of the resolution, or (nil) the months' sums.
    private func rows(_ resolution: ReadingRollup.Resolution?, _ site: String, _ channel: String,
                      _ year: FiscalYear) throws(AggregatorError) -> [ReadingRollup] {
        let key = RowsRead.Key(resolution: resolution, site: site, channel: channel, year: year.startYear)
        if let known = read.lock.withLock({ read.rows[key] }) { return known }
        let rows = if let resolution {
            try store.rollups(resolution, from: year.start, to: year.end, site: site, channel: channel)
        } else {
            try store.monthlySums(site: site, channel: channel, in: year)
        }
        read.lock.withLock { read.rows[key] = rows }
        return rows
    }

    public func monthlyTotals(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> ChannelMonths {
        var months = ChannelMonths(unit: nil, amounts: Array(repeating: nil, count: 12))
        for r in try rows(nil, site, channel, year) {
            guard let total = r.valueTotal else { continue }
            let index = (CivilTime.jst(r.bucketStart).month + 8) % 12 // April → 0 … March → 11
            if months.unit == nil, !r.unit.isEmpty { months.unit = r.unit }
            months.amounts[index] = (months.amounts[index] ?? 0) + total
        }
        return months
    }

    public func hourlyTotals(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> [HourAmount] {
        var hours: [Int64: Double] = [:]
        for r in try rows(.hour, site, channel, year) {
            guard let total = r.valueTotal else { continue }
            hours[r.bucketStart.milliseconds, default: 0] += total
        }
        return hours.keys.sorted().map { HourAmount(hourStart: UnixTime(milliseconds: $0), amount: hours[$0]!) }
    }

    public func dailyMeans(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> [DailyMean] {
        var days: [Int64: (total: Double, count: Int64, unit: String)] = [:]
        for r in try rows(.day, site, channel, year) {
            guard let total = r.valueTotal, r.valueCount > 0 else { continue }
            let day = days[r.bucketStart.milliseconds] ?? (0, 0, "")
            days[r.bucketStart.milliseconds] = (day.total + total, day.count + r.valueCount, max(day.unit, r.unit))
        }
        let offset = Int64(CivilTime.jstOffsetSeconds) * 1000
        return days.keys.sorted().map { start in
            let day = days[start]!
            return DailyMean(date: CivilDate(dayNumber: (start + offset) / 86_400_000), mean: day.total / Double(day.count),
                             unit: day.unit.isEmpty ? nil : day.unit)
        }
    }

    /// Per board of the feed, as the per-site report counts it (`DeclaredCompleteness.expected`): one reading
    /// per declared interval from the board's appearance (or the year start) to `asOf` (or the year end), so a
    /// board silent since November, or missing readings at either end of the year, count as missing; a board
    /// without a declared interval for the channel, by the span of sequences it sent in the year.
    public func completeness(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> FeedCompleteness {
        var boards: [String: (count: Int64, lowest: Int64, highest: Int64, first: Int64, last: Int64)] = [:]
        for r in try rows(nil, site, channel, year) {
            let b = boards[r.device] ?? (0, .max, .min, .max, .min)
            boards[r.device] = (b.count + r.count, min(b.lowest, r.lowestSequence), max(b.highest, r.highestSequence),
                                min(b.first, r.bucketStart.milliseconds), max(b.last, r.latestTime.milliseconds))
        }
        var declared: [String: DeclaredFeed] = [:]
        for feed in try store.declaredFeeds(site: site, channel: channel) { declared[feed.device] = feed }
        var c = FeedCompleteness(received: 0, expected: 0, first: nil, last: nil)
        for device in Set(boards.keys).union(declared.keys) {
            let b = boards[device], feed = declared[device]
            let received = b.map { clampedCount(Double($0.count)) } ?? 0
            let span = b.map { clampedCount(Double($0.highest) - Double($0.lowest) + 1) } ?? 0
            c.received += received
            c.expected += DeclaredCompleteness.expected(received: received, sequenceSpan: span, interval: feed?.intervalSeconds,
                                                        appeared: feed?.appeared, yearStart: year.start, yearEnd: year.end, asOf: asOf)
            guard let b else { continue }
            let first = UnixTime(milliseconds: b.first), last = UnixTime(milliseconds: b.last)
            c.first = min(c.first ?? first, first)
            c.last = max(c.last ?? last, last)
        }
        return c
    }

    public func boardHistory(site: String, in year: FiscalYear) throws(AggregatorError) -> [BoardStateChange] {
        try store.boardHistory(site: site, in: year)
    }
}
