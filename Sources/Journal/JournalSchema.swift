import GRDB
import GatewayCore

/// The journal's tables. Every index costs pages in every tick's commit, and on an SD card those pages are
/// the wear, so the schema keeps only what the write path needs:
/// - no index on (device, channel, seq): a tick's readings landed on a dozen different leaves of it, which was
///   most of the bytes written (BENCHMARKS.md). Sequences stay unique through `channel_state`, which `record`
///   checks in the same transaction;
/// - no AUTOINCREMENT (its counter page was rewritten every tick): row ids still never go back, because the
///   newest row is never deleted (see `ReadingJournal.enforce`), so `max(id) + 1` is always new;
/// - the one index left, on unsent rows, grows at its right end like the table.
enum JournalSchema {
    /// `PRAGMA user_version` of the current layout; 0 is the first one, with the UNIQUE index and AUTOINCREMENT.
    static let version = 1

    /// Small pages: a tick dirties three or four of them, so each synced commit writes a quarter of what
    /// 4 KiB pages would. Applies to new files only (SQLite fixes the page size when the file is created).
    static let pageSize = 1024

    private static let readingColumns = """
        device TEXT NOT NULL, channel TEXT NOT NULL, seq INTEGER NOT NULL,
        t_ms INTEGER NOT NULL, value REAL, sum REAL, unit TEXT,
        quality TEXT NOT NULL, cal TEXT, fault TEXT, method TEXT,
        mono_ns INTEGER, boot_id TEXT,
        sent_at_ms INTEGER
        """

    /// A file from newer firmware (a board downgraded by hand) is refused as a `JournalError`, which the
    /// journal treats like damage: set aside untouched for that firmware, and a new journal started.
    static func migrate(_ db: Database, path: String) throws {
        let existing = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let hasReadings = try db.tableExists("reading")
        if hasReadings, existing > version {
            throw JournalError(path: path, operation: "open",
                               reason: "layout \(existing) is newer than this firmware's \(version); was the board downgraded?")
        }
        if hasReadings, existing == version { return }  // opening writes nothing
        if hasReadings, existing == 0 {
            // Rebuilt in one transaction with the same row ids, so nothing in flight changes identity.
            try db.execute(sql: """
                CREATE TABLE reading_v1 (id INTEGER PRIMARY KEY, \(readingColumns));
                INSERT INTO reading_v1 SELECT id, device, channel, seq, t_ms, value, sum, unit, quality, cal, fault,
                                              method, mono_ns, boot_id, sent_at_ms FROM reading;
                DROP TABLE reading;
                ALTER TABLE reading_v1 RENAME TO reading;
                """)
        }
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS reading (id INTEGER PRIMARY KEY, \(readingColumns));
            CREATE INDEX IF NOT EXISTS reading_unsent ON reading (id) WHERE sent_at_ms IS NULL;
            CREATE TABLE IF NOT EXISTS channel_state (
                device TEXT NOT NULL, channel TEXT NOT NULL,
                last_seq INTEGER NOT NULL, pulse_total INTEGER NOT NULL,
                PRIMARY KEY (device, channel)
            );
            CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            PRAGMA user_version = \(version);
            """)
    }

    static func decode(_ row: Row) -> JournaledReading {
        let unit: String = row["unit"] ?? ""
        let value: Double? = row["value"]
        let sum: Double? = row["sum"]
        let sent: Int64? = row["sent_at_ms"]
        let mono: Int64? = row["mono_ns"]
        var reading = Reading(
            key: ReadingKey(device: DeviceID(row["device"]), channel: ChannelID(row["channel"]),
                            sequence: UInt64(row["seq"] as Int64)),
            time: UnixTime(milliseconds: row["t_ms"]),
            value: value.map { MeasuredValue($0, unit) },
            sum: sum.map { MeasuredValue($0, unit) },
            quality: ReadingQuality(rawValue: row["quality"]) ?? .good,
            calibrationID: row["cal"], fault: row["fault"], method: row["method"])
        reading.monotonicNanoseconds = mono.map { UInt64(bitPattern: $0) }
        reading.bootID = row["boot_id"]
        return JournaledReading(rowID: row["id"], reading: reading, sentAt: sent.map { UnixTime(milliseconds: $0) })
    }
}
