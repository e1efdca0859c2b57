import GatewayCore

extension ReadingJournal {
    /// Gives readings of `bootID` not yet published their true wall time, once the clock is trustworthy (just
    /// synchronised, or stepped): `wall` was read at monotonic `atMonotonicNanoseconds`, so a reading's time is
    /// `wall` minus how long before that it was taken. Marked readings (`clock-unsync`) become `good`; of the
    /// readings already `good`, only raw ones move (a derived value is stamped with its window, not its tick).
    /// Readings already sent keep the time they were sent with. Only rows after `RestampMark`'s bound are read.
    public func restamp(bootID: String, wall: UnixTime, atMonotonicNanoseconds now: UInt64) throws(JournalError) -> Int {
        try flushMarks()
        return try run("restamp readings of boot \(bootID)") { (db) throws(JournalError) -> Int in
            try db.transaction { () throws(JournalError) -> Int in
                var changed = 0
                let offset = wall.milliseconds &- Int64(clamping: now / 1_000_000)
                // An empty journal gets its mark too, so the running gateway can confirm the clock from the start.
                let newest = try db.integer("SELECT max(id) FROM reading") ?? 0
                // Only this boot's rows after the mark can be off (`RestampMark`), and only the gaps between
                // acknowledged ranges hold unsent readings.
                if let start = try RestampMark.firstCandidate(bootID: bootID, offsetMilliseconds: offset, db) {
                    try SentRanges.forEachGap(start, newest, db) { (first, last) throws(JournalError) -> Bool in
                        changed += try db.withStatement("""
                            UPDATE reading SET t_ms = ?1 - (?2 - mono_ns) / 1000000,
                                               quality = CASE quality WHEN 'clock-unsync' THEN 'good' ELSE quality END
                            WHERE id BETWEEN ?5 AND ?6
                              AND boot_id = ?3 AND sent_at_ms IS NULL AND mono_ns IS NOT NULL AND mono_ns <= ?2
                              AND (quality = 'clock-unsync'
                                   OR (method IS NULL AND abs(t_ms - (?1 - (?2 - mono_ns) / 1000000)) >= ?4))
                            """) { (s) throws(JournalError) -> Int in
                            try s.bind(1, wall.milliseconds)
                            try s.bind(2, Int64(bitPattern: now))
                            try s.bind(3, bootID)
                            // Only rows that really move: a backlog of good readings is not rewritten for a rounding.
                            try s.bind(4, WallClockTrust.stepThresholdMilliseconds)
                            try s.bind(5, first)
                            try s.bind(6, last)
                            try s.run()
                            return db.changes
                        }
                        return true
                    }
                }
                try RestampMark.write(RestampMark.Mark(bootID: bootID, offsetMilliseconds: offset, throughID: newest), db)
                return changed
            }
        }
    }

    /// Tells the journal that the clock is still trusted on the same offset as at the last restamp (no step since,
    /// and no untrusted spell: either would have restamped first), so every reading of `bootID` journaled so far is
    /// stamped on it: the next restamp in this boot on that offset starts after them (`RestampMark`). Nothing
    /// changes when the offset moved or the mark is of another boot.
    public func confirmClock(bootID: String, wall: UnixTime, atMonotonicNanoseconds now: UInt64) throws(JournalError) {
        let offset = wall.milliseconds &- Int64(clamping: now / 1_000_000)
        try run("note the clock's offset for boot \(bootID)") { (db) throws(JournalError) in
            guard try RestampMark.read(db) != nil else { return }
            try db.withStatement("""
                UPDATE restamp_mark SET through_id = (SELECT max(id) FROM reading)
                WHERE boot_id = ?1 AND abs(offset_ms - ?2) < ?3
                """) { (s) throws(JournalError) in
                try s.bind(1, bootID)
                try s.bind(2, offset)
                try s.bind(3, WallClockTrust.stepThresholdMilliseconds)
                try s.run()
            }
        }
    }
}
