import GRDB
import GatewayCore

/// `ReadingRollup` rows in the SQLite store: created (and filled from the readings already stored) on first
/// open, and updated in the same transaction as the readings they sum.
enum SQLiteRollups {
    static func migrate(_ db: Database) throws {
        for resolution in ReadingRollup.Resolution.allCases {
            let table = resolution.table
            var existed = try db.tableExists(table)
            if existed, try !db.columns(in: table).contains(where: { $0.name == "value_n" }) {
                // Rollups from before `valueCount`: built again from the readings, below, with it.
                try db.execute(sql: "DROP TABLE \(table)")
                existed = false
            }
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS \(table) (
                    site TEXT NOT NULL, device TEXT NOT NULL, channel TEXT NOT NULL, unit TEXT NOT NULL,
                    bucket_ms INTEGER NOT NULL, n INTEGER NOT NULL, lo_seq INTEGER NOT NULL, hi_seq INTEGER NOT NULL,
                    increment_total REAL, value_total REAL, value_max REAL,
                    latest_t_ms INTEGER NOT NULL, latest_value REAL, latest_fault INTEGER NOT NULL,
                    value_n INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (device, channel, unit, bucket_ms, site)
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS \(table)_bucket ON \(table) (bucket_ms);
                -- the KPIs ask for one site's channel over a year
                CREATE INDEX IF NOT EXISTS \(table)_site_channel ON \(table) (site, channel, bucket_ms);
                """)
            guard !existed else { continue }
            // A database from before rollups: sum what it holds once; the latest reading of each bucket is the
            // last stored of those at its newest good time (or newest time, if none is good), as on ingest.
            let offset = Int64(CivilTime.jstOffsetSeconds) * 1000, width = resolution.milliseconds
            try db.execute(sql: """
                INSERT INTO \(table) (site, device, channel, unit, bucket_ms, n, lo_seq, hi_seq, increment_total, value_total,
                                      value_max, latest_t_ms, latest_value, latest_fault, value_n)
                SELECT site, device, channel, coalesce(unit, ''), ((a + \(offset)) - ((a + \(offset)) % \(width) + \(width)) % \(width)) - \(offset) AS b,
                       count(CASE WHEN quality != 'fault' THEN 1 END), min(seq), max(seq),
                       sum(CASE WHEN quality NOT IN ('fault', 'saturated') AND sum IS NOT NULL THEN value END),
                       sum(CASE WHEN quality NOT IN ('fault', 'saturated') THEN value END),
                       max(CASE WHEN quality NOT IN ('fault', 'saturated') THEN value END),
                       coalesce(max(CASE WHEN quality NOT IN ('fault', 'saturated') THEN t_ms END), max(t_ms)), NULL,
                       count(CASE WHEN quality NOT IN ('fault', 'saturated') THEN 1 END) = 0,
                       count(CASE WHEN quality NOT IN ('fault', 'saturated') AND value IS NOT NULL THEN 1 END)
                FROM (SELECT reading.*, CASE WHEN reading.sum IS NULL THEN reading.t_ms
                                           ELSE reading.t_ms - max(1, CAST(coalesce(c.interval_s, 0) * 500 AS INTEGER)) END AS a
                      FROM reading LEFT JOIN channel c ON c.device = reading.device AND c.channel = reading.channel) GROUP BY site, device, channel, coalesce(unit, ''), b;
                UPDATE \(table) AS u SET (latest_value, latest_fault) = (
                    SELECT r.value, r.quality IN ('fault', 'saturated') FROM reading r
                    WHERE r.device = u.device AND r.channel = u.channel AND coalesce(r.unit, '') = u.unit AND r.site = u.site
                      AND r.t_ms = u.latest_t_ms AND (r.quality IN ('fault', 'saturated')) = u.latest_fault
                    ORDER BY r.arrival DESC LIMIT 1);
                """)
        }
    }

    /// Adds a batch's rows of each resolution to the stored ones (a key given twice is added twice, as `absorb` would).
    static func apply(hours: [ReadingRollup], days: [ReadingRollup], _ db: Database) throws {
        for (resolution, rows) in [(ReadingRollup.Resolution.hour, hours), (.day, days)] where !rows.isEmpty {
            var upsert = try SQLitePrepared(db, """
                INSERT INTO \(resolution.table) (site, device, channel, unit, bucket_ms, n, lo_seq, hi_seq, increment_total,
                                                 value_total, value_max, latest_t_ms, latest_value, latest_fault, value_n)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device, channel, unit, bucket_ms, site) DO UPDATE SET
                    n = n + excluded.n, value_n = value_n + excluded.value_n, lo_seq = min(lo_seq, excluded.lo_seq), hi_seq = max(hi_seq, excluded.hi_seq),
                    increment_total = coalesce(increment_total + excluded.increment_total, increment_total, excluded.increment_total),
                    value_total = coalesce(value_total + excluded.value_total, value_total, excluded.value_total),
                    value_max = coalesce(max(value_max, excluded.value_max), value_max, excluded.value_max),
                    -- the newest good reading stands for the bucket; a fault or saturated one only while there is none
                    latest_value = CASE WHEN (excluded.latest_fault < latest_fault OR (excluded.latest_fault = latest_fault AND excluded.latest_t_ms >= latest_t_ms)) THEN excluded.latest_value ELSE latest_value END,
                    latest_fault = CASE WHEN (excluded.latest_fault < latest_fault OR (excluded.latest_fault = latest_fault AND excluded.latest_t_ms >= latest_t_ms)) THEN excluded.latest_fault ELSE latest_fault END,
                    latest_t_ms = CASE WHEN (excluded.latest_fault < latest_fault OR (excluded.latest_fault = latest_fault AND excluded.latest_t_ms >= latest_t_ms)) THEN excluded.latest_t_ms ELSE latest_t_ms END
                """)
            for r in rows {
                // Two rows per channel per batch, not per reading: small arrays of the key's texts and counts are fine here.
                for (i, text) in [r.site, r.device, r.channel, r.unit].enumerated() { upsert.bind(Int32(1 + i), text) }
                for (i, number) in [r.bucketStart.milliseconds, r.count, r.lowestSequence, r.highestSequence].enumerated() {
                    upsert.bind(Int32(5 + i), number)
                }
                for (i, total) in [r.incrementTotal, r.valueTotal, r.valueMaximum].enumerated() { upsert.bind(Int32(9 + i), total) }
                upsert.bind(12, r.latestTime.milliseconds)
                upsert.bind(13, r.latestValue)
                upsert.bind(14, Int64(r.latestIsFault ? 1 : 0))
                upsert.bind(15, r.valueCount)
                _ = try upsert.step()
            }
        }
    }
}

extension AggregatorStore {
    /// Rollup rows of buckets that start in [from, to), optionally of one device, by device, channel and time.
    public func rollups(_ resolution: ReadingRollup.Resolution, from: UnixTime, to: UnixTime,
                        device: String? = nil) throws(AggregatorError) -> [ReadingRollup] {
        try rollupRows(resolution, """
            SELECT * FROM \(resolution.table) WHERE bucket_ms >= ? AND bucket_ms < ? AND (? IS NULL OR device = ?)
            ORDER BY device, channel, unit, bucket_ms
            """, [from.milliseconds, to.milliseconds, device, device])
    }

    public func rollups(_ resolution: ReadingRollup.Resolution, from: UnixTime, to: UnixTime, site: String,
                        channel: String) throws(AggregatorError) -> [ReadingRollup] {
        try rollupRows(resolution, """
            SELECT * FROM \(resolution.table) WHERE site = ? AND channel = ? AND bucket_ms >= ? AND bucket_ms < ?
            ORDER BY device, channel, unit, bucket_ms
            """, [site, channel, from.milliseconds, to.milliseconds])
    }

    public func monthlySums(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> [ReadingRollup] {
        try rollupRows(.day, ReadingRollup.monthlySumsSQL(year, site: "?", channel: "?"), [site, channel])
    }

    public func declaredFeeds(site: String, channel: String) throws(AggregatorError) -> [DeclaredFeed] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: DeclaredFeed.sql(site: "?", channel: "?"), arguments: [site, channel]).map { row in
                    DeclaredFeed(device: row[0], intervalSeconds: row[1],
                                 firstSeen: (row[2] as Int64?).map(UnixTime.init(milliseconds:)),
                                 firstReadingHour: (row[3] as Int64?).map(UnixTime.init(milliseconds:)))
                }
            }
        } catch {
            throw AggregatorError("cannot read the channels \(site) declares as \(channel) from \(path): \(error)")
        }
    }

    private func rollupRows(_ resolution: ReadingRollup.Resolution, _ sql: String,
                            _ arguments: StatementArguments) throws(AggregatorError) -> [ReadingRollup] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    ReadingRollup(site: row["site"], device: row["device"], channel: row["channel"], unit: row["unit"],
                                  bucketStart: UnixTime(milliseconds: row["bucket_ms"]), count: row["n"],
                                  lowestSequence: row["lo_seq"], highestSequence: row["hi_seq"],
                                  incrementTotal: row["increment_total"], valueTotal: row["value_total"],
                                  valueMaximum: row["value_max"], latestTime: UnixTime(milliseconds: row["latest_t_ms"]),
                                  latestValue: row["latest_value"], latestIsFault: row["latest_fault"], valueCount: row["value_n"])
                }
            }
        } catch {
            throw AggregatorError("cannot read \(resolution.table) from \(path): \(error)")
        }
    }
}
