import GatewayCore

extension ReadingJournal {
    /// Prunes delivered readings past their retention, then, while over budget, applies the policy to
    /// undelivered ones. Every dropped undelivered reading is added to the loss counter in the same transaction.
    ///
    /// The newest row is never deleted, whatever its state: it keeps `max(id)` from going back, so a row id,
    /// which the publisher's window and cursors hold on to, is never handed out twice.
    public func enforce(_ budget: JournalBudget, now: UnixTime) throws(JournalError) -> BudgetOutcome {
        var outcome = BudgetOutcome(prunedSent: 0, dropped: 0, usedBytes: 0)
        try flushMarks()  // a reading whose PUBACK is only in memory must not be dropped as undelivered
        let older = "id < (SELECT max(id) FROM reading)"
        try run("enforce the disk budget") { (db) throws(JournalError) in
            let cutoff = now.milliseconds - Int64(budget.keepSentSeconds * 1000)
            // Rows marked in place (`RowMarks`) are looked for only when some may exist: that search reads the
            // whole table, which at every start-up on a long backlog cost seconds.
            outcome.prunedSent += try db.transaction { () throws(JournalError) -> Int in
                let newest = try db.integer("SELECT max(id) FROM reading") ?? 0
                let inRanges = try SentRanges.prune(acknowledgedBefore: cutoff, keeping: newest, db)
                guard try RowMarks.mayExist(db) else { return inRanges }
                let inRows = try db.withStatement("DELETE FROM reading WHERE sent_at_ms IS NOT NULL AND sent_at_ms < ? AND \(older)") { (s) throws(JournalError) -> Int in
                    try s.bind(1, cutoff)
                    try s.run()
                    return db.changes
                }
                try RowMarks.clearIfNoneLeft(db)
                return inRanges + inRows
            }
            outcome.usedBytes = try Self.usedBytes(db)
            if outcome.usedBytes > budget.bytes {
                // Over budget even so: delivered readings go first, whatever their age.
                outcome.prunedSent += try db.transaction { () throws(JournalError) -> Int in
                    let newest = try db.integer("SELECT max(id) FROM reading") ?? 0
                    let inRanges = try SentRanges.prune(acknowledgedBefore: nil, keeping: newest, db)
                    guard try RowMarks.mayExist(db) else { return inRanges }
                    try db.execute("DELETE FROM reading WHERE sent_at_ms IS NOT NULL AND \(older)")
                    let inRows = db.changes
                    try RowMarks.clearIfNoneLeft(db)
                    return inRanges + inRows
                }
                outcome.usedBytes = try Self.usedBytes(db)
            }
            guard outcome.usedBytes > budget.bytes else { return }
            // Every delivered reading is gone now (but the newest row), so every row the thinning below finds
            // with `sent_at_ms IS NULL` is undelivered: no acknowledged range covers it.
            // Deleting scattered rows frees space inside pages, not whole pages, so the cut is sized in readings
            // from the measured bytes per reading; the freed space is reused by the readings that follow.
            let rows = try db.integer("SELECT count(*) FROM reading") ?? 0
            guard rows > 0 else { return }
            let bytesPerRow = max(1, outcome.usedBytes / rows)
            let target = Int((outcome.usedBytes - budget.bytes + bytesPerRow - 1) / bytesPerRow)
            // Thinning goes by levels on each channel's sequence numbers, which never change: first every
            // odd-numbered sample (halving), then every second of the rest (quartering), always oldest first.
            var level: Int64 = 1
            while outcome.dropped < target, level <= 40 {
                let victims: String
                switch budget.policy {
                case .thinRawOldestFirst:
                    victims = """
                        SELECT id FROM reading WHERE sent_at_ms IS NULL AND sum IS NULL AND method IS NULL AND \(older)
                        AND seq % \(Int64(1) << level) = \(Int64(1) << (level - 1)) ORDER BY id
                        LIMIT \(min(500, target - outcome.dropped))
                        """
                case .dropOldest:
                    victims = "SELECT id FROM reading WHERE sent_at_ms IS NULL AND \(older) ORDER BY id LIMIT \(min(500, target - outcome.dropped))"
                }
                let dropped = try db.transaction { () throws(JournalError) -> Int in
                    try db.execute("DELETE FROM reading WHERE id IN (\(victims))")
                    let n = db.changes
                    try db.withStatement("""
                        INSERT INTO counter (name, value) VALUES ('losses', ?)
                        ON CONFLICT(name) DO UPDATE SET value = value + excluded.value
                        """) { (s) throws(JournalError) in
                        try s.bind(1, Int64(n))
                        try s.run()
                    }
                    return n
                }
                outcome.dropped += dropped
                if dropped == 0 {
                    // This level is exhausted: thin the survivors further, or stop when the policy has nothing
                    // left it may drop (the budget stays exceeded and status shows it).
                    guard budget.policy == .thinRawOldestFirst else { break }
                    level += 1
                }
            }
            let remaining = try db.integer("SELECT count(*) FROM reading") ?? 0
            outcome.usedBytes = remaining * bytesPerRow
        }
        return outcome
    }
}
