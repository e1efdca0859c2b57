import GatewayCore

/// The journal's tables. Every index costs pages in every tick's commit, and on an SD card those pages are
/// the wear, so the schema keeps only what the write path needs:
/// - no index on (device, channel, seq): a tick's readings landed on a dozen different leaves of it, which was
///   most of the bytes written (BENCHMARKS.md). Sequences stay unique through `channel_state`, which `record`
///   checks in the same transaction;
/// - no AUTOINCREMENT (its counter page was rewritten every tick): row ids still never go back, because the
///   newest row is never deleted (see `ReadingJournal.enforce`), so `max(id) + 1` is always new;
/// - the one index left, on rows not marked sent themselves, grows at its right end like the table; since layout 2
///   acknowledgements go to `sent_range` (`SentRanges`), so the index is only rewritten when a row is pruned.
enum JournalSchema {
    /// `PRAGMA user_version` of the current layout; 0 is the first one, with the UNIQUE index and AUTOINCREMENT;
    /// 1 marked each sent row; 2 keeps the sent state as ranges of row ids.
    static let version = 2

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

    /// The rule between firmware versions: **layouts change additively.** A newer layout may add tables and
    /// columns (with defaults) but keeps every table and column of the layouts before it, so an older firmware (a
    /// board rolled back after an update) opens the newer file, reads and sends what the newer one journaled,
    /// and leaves what it does not know alone; it never lowers `user_version`. A newer file that lacks a
    /// column this firmware reads broke the rule: it is refused as damage, set aside untouched for the firmware
    /// that wrote it, and a new journal started. Runs inside the opening transaction.
    static func migrate(_ db: SQLiteConnection) throws(JournalError) {
        let existing = try db.integer("PRAGMA user_version") ?? 0
        let hasReadings = try db.integer("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'reading'") == 1
        if hasReadings, existing > Int64(version) {
            if let missing = try missingColumn(db) {
                throw JournalError(path: db.path, operation: "open",
                                   reason: "layout \(existing) is newer than this firmware's \(version) and lacks \(missing), which layouts never remove; was the file written by other software?",
                                   sqliteResultCode: nil, isDamage: true)
            }
            return  // a newer, additive layout: used as it is
        }
        if hasReadings, existing == 1 {
            try db.execute(SentRanges.createTable + SentRanges.fromMarkedRows + SentRanges.createView
                           + "PRAGMA user_version = \(version);")
        }
        if hasReadings, existing >= 1 {
            try addPulseCheckpoint(db)
            try addMeteredTotal(db)
            try RowMarks.install(fileHadReadings: true, db)
            return  // opening writes nothing once both columns and the trigger are there
        }
        if hasReadings, existing == 0 {
            // Rebuilt in one transaction with the same row ids, so nothing in flight changes identity.
            try db.execute("""
                CREATE TABLE reading_v1 (id INTEGER PRIMARY KEY, \(readingColumns));
                INSERT INTO reading_v1 SELECT id, device, channel, seq, t_ms, value, sum, unit, quality, cal, fault,
                                              method, mono_ns, boot_id, sent_at_ms FROM reading;
                DROP TABLE reading;
                ALTER TABLE reading_v1 RENAME TO reading;
                """)
        }
        try db.execute("""
            CREATE TABLE IF NOT EXISTS reading (id INTEGER PRIMARY KEY, \(readingColumns));
            CREATE INDEX IF NOT EXISTS reading_unsent ON reading (id) WHERE sent_at_ms IS NULL;
            CREATE TABLE IF NOT EXISTS channel_state (
                device TEXT NOT NULL, channel TEXT NOT NULL,
                last_seq INTEGER NOT NULL, pulse_total INTEGER NOT NULL,
                pulse_checkpoint INTEGER NOT NULL DEFAULT 0,
                metered_total REAL,
                PRIMARY KEY (device, channel)
            );
            CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            PRAGMA user_version = \(version);
            """ + SentRanges.createTable + SentRanges.fromMarkedRows + SentRanges.createView)
        try addPulseCheckpoint(db)
        try addMeteredTotal(db)
        try RowMarks.install(fileHadReadings: hasReadings, db)
    }

    /// `channel_state.metered_total` (issue 15): a totalizer's running total in its unit, added in place like the
    /// checkpoint. A journal from before it kept totals in pulses; each channel's total in the unit is taken
    /// from its newest reading's SenML sum, which was recorded in the same transaction as its `pulse_total`, so
    /// the total continues exactly as the city last saw it, whatever K-factor record comes next.
    private static func addMeteredTotal(_ db: SQLiteConnection) throws(JournalError) {
        let present = try db.integer("SELECT count(*) FROM pragma_table_info('channel_state') WHERE name = 'metered_total'")
        guard present == 0 else { return }
        try db.execute("""
            ALTER TABLE channel_state ADD COLUMN metered_total REAL;
            UPDATE channel_state SET metered_total = (
                SELECT r.sum FROM reading r
                WHERE r.device = channel_state.device AND r.channel = channel_state.channel AND r.sum IS NOT NULL
                  AND r.method IS NULL
                ORDER BY r.id DESC LIMIT 1)
            WHERE pulse_total > 0;
            """)
    }

    /// `channel_state.pulse_checkpoint` (issue 15) came after layout 1 was released. It is added in place, with no
    /// new layout number: firmware that does not know it names its columns and leaves it alone, so a downgraded
    /// board keeps its journal (it only loses the checkpoints, as before).
    private static func addPulseCheckpoint(_ db: SQLiteConnection) throws(JournalError) {
        let present = try db.integer("SELECT count(*) FROM pragma_table_info('channel_state') WHERE name = 'pulse_checkpoint'")
        guard present == 0 else { return }
        try db.execute("ALTER TABLE channel_state ADD COLUMN pulse_checkpoint INTEGER NOT NULL DEFAULT 0")
    }

    /// The columns and tables this firmware uses: each table's columns that a newer layout must still have.
    private static let requiredColumns: [(table: String, columns: [String])] = [
        ("reading", readingSelection.split(separator: ",").map { String($0.filter { $0 != " " }) }),
        ("channel_state", ["device", "channel", "last_seq", "pulse_total", "pulse_checkpoint"]),
        ("counter", ["name", "value"]),
        ("sent_range", ["first", "last", "sent_at_ms"]),
    ]

    /// "table.column" of the first column this firmware uses that the file lacks, or nil.
    private static func missingColumn(_ db: SQLiteConnection) throws(JournalError) -> String? {
        for (table, columns) in requiredColumns {
            for column in columns {
                let present = try db.integer("SELECT count(*) FROM pragma_table_info('\(table)') WHERE name = '\(column)'")
                if present != 1 { return table + "." + column }
            }
        }
        return nil
    }

    /// The columns `decode` reads, by position: select them as `SELECT \(JournalSchema.readingSelection) FROM reading`.
    static let readingSelection = "id, device, channel, seq, t_ms, value, sum, unit, quality, cal, fault, method, mono_ns, boot_id, sent_at_ms"

    /// Turns rows selected with `readingSelection` into readings, reusing the strings of the row before where
    /// the text is the same (a drain reads thousands of rows of one device, a dozen channels and one boot).
    struct Decoder {
        private var device: String?, channel: String?, unit: String?, quality: String?, method: String?, boot: String?

        mutating func decode(_ s: SQLiteStatement) -> JournaledReading {
            device = s.text(1, reusing: device) ?? ""
            channel = s.text(2, reusing: channel) ?? ""
            let unitText = s.text(7, reusing: unit)
            if let unitText { unit = unitText }
            let qualityText = s.text(8, reusing: quality) ?? ""
            quality = qualityText
            let methodText = s.text(11, reusing: method)
            if let methodText { method = methodText }
            let bootText = s.text(13, reusing: boot)
            if let bootText { boot = bootText }
            let unitName = unitText ?? ""
            var reading = Reading(
                key: ReadingKey(device: DeviceID(device ?? ""), channel: ChannelID(channel ?? ""),
                                sequence: UInt64(bitPattern: s.integer(3))),
                time: UnixTime(milliseconds: s.integer(4)),
                value: s.optionalDouble(5).map { MeasuredValue($0, unitName) },
                sum: s.optionalDouble(6).map { MeasuredValue($0, unitName) },
                quality: ReadingQuality(rawValue: qualityText) ?? .good,
                calibrationID: s.optionalText(9), fault: s.optionalText(10), method: methodText)
            reading.monotonicNanoseconds = s.optionalInteger(12).map { UInt64(bitPattern: $0) }
            reading.bootID = bootText
            return JournaledReading(rowID: s.integer(0), reading: reading,
                                    sentAt: s.optionalInteger(14).map { UnixTime(milliseconds: $0) })
        }
    }
}
