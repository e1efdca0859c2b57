/// Whether any reading carries its sent mark in its own row (`reading.sent_at_ms`), kept as the counter
/// `rows-marked-sent` (1 or absent) so the disk-budget pass need not read the whole table every minute to
/// find out (issue 11 item 7: on a 24-hour backlog that scan was part of every start-up).
///
/// Since layout 2 the gateway keeps acknowledgements in `sent_range`; rows are marked in place only by a
/// firmware rolled back to layout 1, by a migration from layout 1 and by a resend request (which writes the
/// ranges it cuts onto the rows). A trigger in the file sets the counter whenever a row gets a mark, so every
/// writer keeps it, older firmware included, in the transaction that writes the mark: the counter can never
/// say "none" while a marked row exists. The budget pass clears it when it finds no marked row left.
enum RowMarks {
    static let counterName = "rows-marked-sent"

    /// The trigger; `WHEN` keeps it to one check per marked row once the counter is set.
    static let createTrigger = """
        CREATE TRIGGER IF NOT EXISTS reading_marked_in_row AFTER UPDATE OF sent_at_ms ON reading
        WHEN new.sent_at_ms IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM counter WHERE name = '\(counterName)' AND value = 1)
        BEGIN
            INSERT OR REPLACE INTO counter (name, value) VALUES ('\(counterName)', 1);
        END;
        """

    /// Installs the trigger once; a file that already held readings when it came may hold marked rows, so its
    /// counter starts set (the next budget pass looks, once).
    static func install(fileHadReadings: Bool, _ db: SQLiteConnection) throws(JournalError) {
        let present = try db.integer("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'reading_marked_in_row'")
        guard present == 0 else { return }
        try db.execute(createTrigger)
        if fileHadReadings {
            try db.execute("INSERT OR REPLACE INTO counter (name, value) VALUES ('\(counterName)', 1)")
        }
    }

    /// Whether some row may carry its own mark.
    static func mayExist(_ db: SQLiteConnection) throws(JournalError) -> Bool {
        try db.integer("SELECT value FROM counter WHERE name = '\(counterName)'") == 1
    }

    /// Clears the counter when no row carries a mark (one pass over the table, after pruning them).
    static func clearIfNoneLeft(_ db: SQLiteConnection) throws(JournalError) {
        guard try db.integer("SELECT EXISTS (SELECT 1 FROM reading WHERE sent_at_ms IS NOT NULL)") == 0 else { return }
        try db.execute("DELETE FROM counter WHERE name = '\(counterName)'")
    }
}
