import GatewayCore

/// How far the restamp of a boot's readings may start, so that a start-up does not read the whole journal to
/// find the few readings whose time could be wrong (issue 11 item 7: on a 24-hour backlog that pass was seconds of
/// every start). Two bounds, each safe on its own:
///
/// - **The boot's first row.** Only readings of the running boot can be restamped (their monotonic time counts
///   from this boot), and row ids only grow, so the boot's readings are the newest rows of the file. Its first
///   row is found by a binary search on row id (a few dozen row lookups), not by reading the rows before it.
/// - **The mark** (table `restamp_mark`, one row: boot, offset, through): every reading of `boot_id` up to row
///   `through_id` is stamped `good` on the offset `offset_ms` (wall clock minus monotonic clock). A restamp
///   writes it in its own transaction with the rows it moved, and the sampling loop moves `through_id` on while
///   the clock stays trusted without a step (`ReadingJournal.confirmClock`). A later restamp in the same boot
///   on an offset within `WallClockTrust.stepThresholdMilliseconds` of it starts after `through_id`; any other
///   offset (the clock was stepped while the gateway was down) starts at the boot's first row, as before.
///
/// Crash safety: the mark only ever claims rows that were already committed as `good` on its offset, in the
/// same file, so a crash can leave it behind the rows (a longer pass next time), never ahead of them; a mark of
/// another boot only bounds the search from below (all its rows come before this boot's).
enum RestampMark {
    static let createTable = "CREATE TABLE IF NOT EXISTS restamp_mark (boot_id TEXT NOT NULL, offset_ms INTEGER NOT NULL, through_id INTEGER NOT NULL);"

    struct Mark {
        var bootID: String
        var offsetMilliseconds: Int64
        var throughID: Int64
    }

    static func read(_ db: SQLiteConnection) throws(JournalError) -> Mark? {
        guard try db.integer("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'restamp_mark'") == 1 else { return nil }
        return try db.withStatement("SELECT boot_id, offset_ms, through_id FROM restamp_mark LIMIT 1") { (s) throws(JournalError) -> Mark? in
            try s.step() ? Mark(bootID: s.text(0), offsetMilliseconds: s.integer(1), throughID: s.integer(2)) : nil
        }
    }

    static func write(_ mark: Mark, _ db: SQLiteConnection) throws(JournalError) {
        try db.execute(createTable + "DELETE FROM restamp_mark;")
        try db.withStatement("INSERT INTO restamp_mark (boot_id, offset_ms, through_id) VALUES (?, ?, ?)") { (s) throws(JournalError) in
            try s.bind(1, mark.bootID)
            try s.bind(2, mark.offsetMilliseconds)
            try s.bind(3, mark.throughID)
            try s.run()
        }
    }

    /// The first row id from which readings of `bootID` may need restamping on `offset`, or nil when none can.
    static func firstCandidate(bootID: String, offsetMilliseconds offset: Int64, _ db: SQLiteConnection) throws(JournalError) -> Int64? {
        guard let newest = try db.integer("SELECT max(id) FROM reading"),
              try bootOfFirstRow(atOrAfter: newest, db) == bootID else { return nil }
        var start = try firstRow(of: bootID, through: newest, db)
        if let mark = try read(db) {
            let sameOffset = abs(mark.offsetMilliseconds - offset) < WallClockTrust.stepThresholdMilliseconds
            if mark.bootID != bootID || sameOffset { start = max(start, mark.throughID + 1) }
        }
        return start <= newest ? start : nil
    }

    /// The smallest row id whose row is of `bootID`, given that the newest row is: a binary search on the
    /// boot of the first row at or after a row id, which is false before the boot's rows and true within them.
    private static func firstRow(of bootID: String, through newest: Int64, _ db: SQLiteConnection) throws(JournalError) -> Int64 {
        var low = try db.integer("SELECT min(id) FROM reading") ?? newest, high = newest
        while low < high {
            let middle = low + (high - low) / 2
            if try bootOfFirstRow(atOrAfter: middle, db) == bootID { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private static func bootOfFirstRow(atOrAfter id: Int64, _ db: SQLiteConnection) throws(JournalError) -> String? {
        try db.withStatement("SELECT boot_id FROM reading WHERE id >= ? ORDER BY id LIMIT 1") { (s) throws(JournalError) -> String? in
            try s.bind(1, id)
            return try s.step() ? s.optionalText(0) : nil
        }
    }
}
