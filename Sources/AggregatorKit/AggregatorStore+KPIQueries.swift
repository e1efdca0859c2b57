import GRDB
import GatewayCore

/// The KPI questions answered from the readings table as it is today (no rollups).
extension AggregatorStore: KPIQueries {
    private static let jstOffsetMilliseconds: Int64 = 9 * 3_600_000

    private func read<T>(_ what: String, _ body: (Database) throws -> T) throws(AggregatorError) -> T {
        do {
            return try db.read(body)
        } catch {
            throw AggregatorError("cannot read \(what) from \(path): \(error)")
        }
    }

    public func monthlyTotals(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> ChannelMonths {
        try read("monthly totals of \(site):\(channel)") { db in
            var months = ChannelMonths(unit: nil, amounts: Array(repeating: nil, count: 12))
            let rows = try Row.fetchAll(db, sql: """
                SELECT strftime('%Y-%m', (t_ms + ?) / 1000, 'unixepoch') AS month, unit, sum(value) AS total
                FROM reading WHERE site = ? AND channel = ? AND t_ms >= ? AND t_ms < ? AND quality != 'fault'
                  AND value IS NOT NULL
                GROUP BY month, unit
                """, arguments: [Self.jstOffsetMilliseconds, site, channel, year.start.milliseconds, year.end.milliseconds])
            for row in rows {
                let month: String = row["month"]
                let parts = month.split(separator: "-").compactMap { Int($0) }
                guard parts.count == 2 else { continue }
                let index = (parts[1] + 8) % 12 // April → 0 … March → 11
                months.unit = months.unit ?? row["unit"]
                months.amounts[index] = (months.amounts[index] ?? 0) + (row["total"] ?? 0)
            }
            return months
        }
    }

    public func hourlyTotals(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> [HourAmount] {
        try read("hourly totals of \(site):\(channel)") { db in
            try Row.fetchAll(db, sql: """
                SELECT t_ms / 3600000 AS hour, sum(value) AS total FROM reading
                WHERE site = ? AND channel = ? AND t_ms >= ? AND t_ms < ? AND quality != 'fault' AND value IS NOT NULL
                GROUP BY hour ORDER BY hour
                """, arguments: [site, channel, year.start.milliseconds, year.end.milliseconds]).map {
                HourAmount(hourStart: UnixTime(milliseconds: ($0["hour"] as Int64) * 3_600_000), amount: $0["total"] ?? 0)
            }
        }
    }

    public func dailyMeans(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> [DailyMean] {
        try read("daily means of \(site):\(channel)") { db in
            try Row.fetchAll(db, sql: """
                SELECT (t_ms + ?) / 86400000 AS day, avg(value) AS mean, max(unit) AS unit FROM reading
                WHERE site = ? AND channel = ? AND t_ms >= ? AND t_ms < ? AND quality = 'good' AND value IS NOT NULL
                GROUP BY day ORDER BY day
                """, arguments: [Self.jstOffsetMilliseconds, site, channel, year.start.milliseconds, year.end.milliseconds]).map {
                DailyMean(date: CivilDate(dayNumber: $0["day"]), mean: $0["mean"] ?? 0, unit: $0["unit"])
            }
        }
    }

    public func completeness(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> FeedCompleteness {
        try read("completeness of \(site):\(channel)") { db in
            var c = FeedCompleteness(received: 0, expected: 0, first: nil, last: nil)
            for row in try Row.fetchAll(db, sql: """
                SELECT sum(quality != 'fault') AS n, max(seq) - min(seq) + 1 AS expected, min(t_ms) AS first, max(t_ms) AS last
                FROM reading WHERE site = ? AND channel = ? AND t_ms >= ? AND t_ms < ? GROUP BY device
                """, arguments: [site, channel, year.start.milliseconds, year.end.milliseconds]) {
                c.received += clampedCount(row["n"])
                c.expected += clampedCount(row["expected"])
                let first = UnixTime(milliseconds: row["first"]), last = UnixTime(milliseconds: row["last"])
                c.first = min(c.first ?? first, first)
                c.last = max(c.last ?? last, last)
            }
            return c
        }
    }

    public func boardHistory(site: String, in year: FiscalYear) throws(AggregatorError) -> [BoardStateChange] {
        try read("board history of \(site)") { db in
            var changes: [BoardStateChange] = []
            let devices = try String.fetchAll(db, sql: "SELECT device FROM device WHERE site = ? ORDER BY device", arguments: [site])
            for device in devices {
                if let before = try Row.fetchOne(db, sql: """
                    SELECT state FROM status_event WHERE device = ? AND at_ms < ? ORDER BY at_ms DESC, rowid DESC LIMIT 1
                    """, arguments: [device, year.start.milliseconds]) {
                    changes.append(BoardStateChange(device: device, state: before["state"], atMilliseconds: year.start.milliseconds))
                }
            }
            changes += try Row.fetchAll(db, sql: """
                SELECT e.device AS device, e.state AS state, e.at_ms AS at_ms FROM status_event e
                JOIN device d ON d.device = e.device
                WHERE d.site = ? AND e.at_ms >= ? AND e.at_ms < ? ORDER BY e.at_ms, e.rowid
                """, arguments: [site, year.start.milliseconds, year.end.milliseconds]).map {
                BoardStateChange(device: $0["device"], state: $0["state"], atMilliseconds: $0["at_ms"])
            }
            return changes
        }
    }
}
