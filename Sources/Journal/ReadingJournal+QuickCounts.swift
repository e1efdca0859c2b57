/// Figures the publisher needs at every connect and in the last will, read without touching a reading's row.
/// `summary()` finds the oldest unsent time and the total count by reading every row (about 0.3 s of CPU on a
/// 24-hour backlog of 950,000 readings); at a reconnect after an outage it was called three times before the
/// first pack went out, a sixth of the whole drain's CPU (BENCHMARKS.md, issue 11 item 7).
extension ReadingJournal {
    /// Readings not yet acknowledged (acknowledgements still waiting to be written count as sent), counted on
    /// the unsent index within the gaps between acknowledged ranges.
    public func unsentCount() throws(JournalError) -> Int {
        try flushMarks()
        return try run("count the unsent readings") { (db) throws(JournalError) -> Int in
            try Self.unsentCount(1, .max, db)
        }
    }

    /// Undelivered readings the disk budget has dropped since the journal began (the status message's `losses`).
    public func losses() throws(JournalError) -> Int {
        try run("read the loss counter") { (db) throws(JournalError) -> Int in
            Int(try db.integer("SELECT value FROM counter WHERE name = 'losses'") ?? 0)
        }
    }
}
