import GRDB
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
/// Counts come from the day rollups, so the answer takes the same time for a year of any size.
enum DeclaredCompleteness {
    struct Board: Equatable {
        var site: String
        var device: String
        var state: String?
        var received: Int
        var expected: Int
    }

    static func boards(_ db: Database, yearStart: UnixTime, yearEnd: UnixTime, asOf now: UnixTime) throws -> [Board] {
        let year: [DatabaseValueConvertible] = [yearStart.milliseconds, yearEnd.milliseconds]
        var sites: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT device, site FROM rollup_day WHERE bucket_ms >= ? AND bucket_ms < ?
            """, arguments: StatementArguments(year)) { sites[row["device"]] = row["site"] }
        for row in try Row.fetchAll(db, sql: "SELECT device, site FROM device WHERE device IN (SELECT device FROM channel)") {
            sites[row["device"]] = row["site"]
        }
        var boards: [Board] = []
        for (device, site) in sites.sorted(by: { $0.key < $1.key }) {
            let state = try String.fetchOne(db, sql: "SELECT state FROM device WHERE device = ?", arguments: [device])
            let firstSeen = try Int64.fetchOne(db, sql: "SELECT first_seen_ms FROM board_seen WHERE device = ?", arguments: [device])
            // Its first reading, to the hour (the hour rollups are what every store keeps). A backlog older than
            // the first contact (a board installed offline) counts from that hour; otherwise the first contact
            // stands, so a board that first reported mid-hour is not expected from the hour's start.
            let firstHour = try Int64.fetchOne(db, sql: "SELECT min(bucket_ms) FROM rollup_hour WHERE device = ?", arguments: [device])
            let appeared = appearance(firstSeen: firstSeen.map(UnixTime.init(milliseconds:)),
                                      firstReadingHour: firstHour.map(UnixTime.init(milliseconds:)))
            var declared: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT channel, interval_s FROM channel WHERE device = ?", arguments: [device]) {
                let interval: Double = row["interval_s"]
                if interval.isFinite, interval > 0 { declared[row["channel"]] = interval }
            }
            var seen: [String: (count: Int, span: Int)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT channel, sum(n) AS n, min(lo_seq) AS lo, max(hi_seq) AS hi FROM rollup_day
                WHERE device = ? AND bucket_ms >= ? AND bucket_ms < ? GROUP BY channel
                """, arguments: StatementArguments([device] + year)) {
                let lo: Int64 = row["lo"], hi: Int64 = row["hi"]
                seen[row["channel"]] = (row["n"], clampedCount(Double(hi) - Double(lo) + 1))
            }
            var received = 0, expected = 0
            for channel in Set(declared.keys).union(seen.keys) {
                let n = seen[channel]?.count ?? 0
                expected = expected.addingClamped(Self.expected(received: n, sequenceSpan: seen[channel]?.span ?? 0,
                                                                interval: declared[channel], appeared: appeared,
                                                                yearStart: yearStart, yearEnd: yearEnd, asOf: now))
                received = received.addingClamped(n)
            }
            boards.append(Board(site: site, device: device, state: state, received: received, expected: expected))
        }
        return boards
    }

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

private extension Int {
    func addingClamped(_ x: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(x)
        return overflow ? Int.max : sum
    }
}
