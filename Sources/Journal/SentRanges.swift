/// The journal's sent state since layout 2: acknowledged readings as ranges of row ids with their PUBACK time,
/// in the table `sent_range` (first, last, sent_at_ms), one row per run of consecutive ids acknowledged in the
/// same millisecond. Writing a drain's PUBACKs extends one range row instead of rewriting every reading's row
/// and its entry in the unsent index (a quarter of a drain's CPU before, BENCHMARKS.md), and the unsent readings
/// are the gaps between ranges, read by row id straight from the table.
///
/// A reading is sent when a range covers it or its own `sent_at_ms` is set: layout 1 marked the row itself, and
/// firmware rolled back to layout 1 still does, so both are honoured (an older firmware does not know the ranges
/// and sends their readings again once; the city drops them as duplicates). Ranges never overlap: a row
/// acknowledged again takes its later time, as a rewritten `sent_at_ms` did.
enum SentRanges {
    struct Range: Equatable {
        var first: Int64
        var last: Int64
        var sentAtMilliseconds: Int64
    }

    static let createTable = """
        CREATE TABLE IF NOT EXISTS sent_range (first INTEGER PRIMARY KEY, last INTEGER NOT NULL, sent_at_ms INTEGER NOT NULL);
        """

    /// Every reading with its sent time from either place, for tools and scripts that read the file with
    /// `sqlite3` (the backlog benches, the update test): `SELECT … FROM reading_delivery WHERE sent_at_ms IS NULL`.
    static let createView = """
        CREATE VIEW IF NOT EXISTS reading_delivery AS
            SELECT id, device, channel, seq, t_ms, value, sum, unit, quality, cal, fault, method, mono_ns, boot_id,
                   coalesce(sent_at_ms, (SELECT s.sent_at_ms FROM sent_range s
                                         WHERE s.first = (SELECT max(first) FROM sent_range WHERE first <= reading.id)
                                           AND s.last >= reading.id)) AS sent_at_ms
            FROM reading;
        """

    /// Layout 1's marked rows become ranges (runs of consecutive ids with one sent time); the rows keep their
    /// own mark too, so a board rolled back to layout 1 still sees them as sent.
    static let fromMarkedRows = """
        INSERT INTO sent_range (first, last, sent_at_ms)
        SELECT min(id), max(id), sent_at_ms FROM (
            SELECT id, sent_at_ms, sum(starts) OVER (ORDER BY id) AS run FROM (
                SELECT id, sent_at_ms,
                       CASE WHEN id = lag(id) OVER (ORDER BY id) + 1 AND sent_at_ms = lag(sent_at_ms) OVER (ORDER BY id)
                            THEN 0 ELSE 1 END AS starts
                FROM reading WHERE sent_at_ms IS NOT NULL))
        GROUP BY run;
        """

    // MARK: writing

    /// Adds acknowledged ranges in the order they arrived. The common case, a drain's next pack right after the
    /// last one in the same millisecond, updates one row's `last`.
    static func add(_ ranges: [PendingMarks.Range], _ db: SQLiteConnection) throws(JournalError) {
        for r in ranges {
            try cut(r.first, r.last, db)
            var merged = Range(first: r.first, last: r.last, sentAtMilliseconds: r.sentAtMilliseconds)
            if let left = try range(endingAt: r.first - 1, db), left.sentAtMilliseconds == r.sentAtMilliseconds {
                merged.first = left.first
            }
            if let right = try range(startingAt: r.last + 1, db), right.sentAtMilliseconds == r.sentAtMilliseconds {
                merged.last = right.last
                try delete(right.first, db)
            }
            if merged.first < r.first {
                try db.withStatement("UPDATE sent_range SET last = ? WHERE first = ?") { (s) throws(JournalError) in
                    try s.bind(1, merged.last)
                    try s.bind(2, merged.first)
                    try s.run()
                }
            } else {
                try insert(merged, db)
            }
        }
    }

    /// Takes rows `first…last` out of every range, splitting a range that reaches past them.
    static func cut(_ first: Int64, _ last: Int64, _ db: SQLiteConnection) throws(JournalError) {
        for r in try overlapping(first, last, db) {
            try delete(r.first, db)
            if r.first < first { try insert(Range(first: r.first, last: first - 1, sentAtMilliseconds: r.sentAtMilliseconds), db) }
            if r.last > last { try insert(Range(first: last + 1, last: r.last, sentAtMilliseconds: r.sentAtMilliseconds), db) }
        }
    }

    // MARK: reading

    /// The ranges overlapping `first…last`, in id order.
    static func overlapping(_ first: Int64, _ last: Int64, _ db: SQLiteConnection) throws(JournalError) -> [Range] {
        var found: [Range] = []
        if let before = try range(containing: first, db) { found.append(before) }
        try db.withStatement("SELECT first, last, sent_at_ms FROM sent_range WHERE first > ? AND first <= ? ORDER BY first") { (s) throws(JournalError) in
            try s.bind(1, first)
            try s.bind(2, last)
            while try s.step() { found.append(Range(first: s.integer(0), last: s.integer(1), sentAtMilliseconds: s.integer(2))) }
        }
        return found
    }

    /// Calls `body` with each run of row ids in `first…last` that no range covers, in id order, until it
    /// returns false. Two index lookups, then one step per range passed: the rows themselves are not touched.
    static func forEachGap(_ first: Int64, _ last: Int64, _ db: SQLiteConnection,
                           _ body: (Int64, Int64) throws(JournalError) -> Bool) throws(JournalError) {
        guard first <= last else { return }
        var start = first
        if let covering = try range(containing: first, db) {
            guard covering.last < last else { return }
            start = covering.last + 1
        }
        // `body` runs other statements meanwhile, never this one (its text is used nowhere else).
        let more = try db.withStatement("SELECT first, last FROM sent_range WHERE first >= ?1 AND first <= ?2 ORDER BY first") { (next) throws(JournalError) -> Bool in
            try next.bind(1, start)
            try next.bind(2, last)
            while try next.step() {
                let rangeFirst = next.integer(0), rangeLast = next.integer(1)
                if rangeFirst > start { guard try body(start, rangeFirst - 1) else { return false } }
                guard rangeLast < last else { return false }
                start = rangeLast + 1
            }
            return true
        }
        if more { _ = try body(start, last) }
    }

    // MARK: pruning

    /// Deletes the readings of ranges acknowledged before `cutoff` (every range with nil), never the row
    /// `keeping` (the newest, see `ReadingJournal.enforce`), and the ranges with them; returns the rows deleted.
    static func prune(acknowledgedBefore cutoff: Int64?, keeping newest: Int64, _ db: SQLiteConnection) throws(JournalError) -> Int {
        var old: [Range] = []
        try db.withStatement("SELECT first, last, sent_at_ms FROM sent_range WHERE sent_at_ms < ? ORDER BY first") { (s) throws(JournalError) in
            try s.bind(1, cutoff ?? .max)
            while try s.step() { old.append(Range(first: s.integer(0), last: s.integer(1), sentAtMilliseconds: s.integer(2))) }
        }
        var deleted = 0
        for r in old {
            try db.withStatement("DELETE FROM reading WHERE id BETWEEN ? AND ?") { (s) throws(JournalError) in
                try s.bind(1, r.first)
                try s.bind(2, min(r.last, newest - 1))
                try s.run()
            }
            deleted += db.changes
            try delete(r.first, db)
            if r.first <= newest, newest <= r.last {
                try insert(Range(first: newest, last: newest, sentAtMilliseconds: r.sentAtMilliseconds), db)
            }
        }
        return deleted
    }

    // MARK: single rows of the table

    private static func range(containing id: Int64, _ db: SQLiteConnection) throws(JournalError) -> Range? {
        try db.withStatement("SELECT first, last, sent_at_ms FROM sent_range WHERE first <= ? ORDER BY first DESC LIMIT 1") { (s) throws(JournalError) -> Range? in
            try s.bind(1, id)
            guard try s.step(), s.integer(1) >= id else { return nil }
            return Range(first: s.integer(0), last: s.integer(1), sentAtMilliseconds: s.integer(2))
        }
    }

    private static func range(endingAt id: Int64, _ db: SQLiteConnection) throws(JournalError) -> Range? {
        guard let r = try range(containing: id, db), r.last == id else { return nil }
        return r
    }

    private static func range(startingAt id: Int64, _ db: SQLiteConnection) throws(JournalError) -> Range? {
        try db.withStatement("SELECT first, last, sent_at_ms FROM sent_range WHERE first = ?") { (s) throws(JournalError) -> Range? in
            try s.bind(1, id)
            guard try s.step() else { return nil }
            return Range(first: s.integer(0), last: s.integer(1), sentAtMilliseconds: s.integer(2))
        }
    }

    private static func insert(_ r: Range, _ db: SQLiteConnection) throws(JournalError) {
        try db.withStatement("INSERT INTO sent_range (first, last, sent_at_ms) VALUES (?, ?, ?)") { (s) throws(JournalError) in
            try s.bind(1, r.first)
            try s.bind(2, r.last)
            try s.bind(3, r.sentAtMilliseconds)
            try s.run()
        }
    }

    private static func delete(_ first: Int64, _ db: SQLiteConnection) throws(JournalError) {
        try db.withStatement("DELETE FROM sent_range WHERE first = ?") { (s) throws(JournalError) in
            try s.bind(1, first)
            try s.run()
        }
    }
}
