import Foundation
import GatewayCore
@testable import Journal
import Testing

/// Issue 11 item 7: layout 2 keeps the sent state as acknowledged row-id ranges (`sent_range`). A journal of
/// layout 1, which marked each sent row, opens with every row's sent state and PUBACK time, and drains on.
@Suite struct SentRangeLayoutTests {
    func layoutOneJournal() throws -> String {
        let path = JournalWritePathTests().tempPath()
        // The layout-1 schema as that firmware created it, with rows 1–6 sent in two PUBACKs, 7–8 waiting,
        // 9 sent alone later (a resend), 10 waiting.
        try SQLiteConnection(path: path, busyTimeoutMilliseconds: 10_000).execute("""
            CREATE TABLE reading (id INTEGER PRIMARY KEY, device TEXT NOT NULL, channel TEXT NOT NULL, seq INTEGER NOT NULL,
                t_ms INTEGER NOT NULL, value REAL, sum REAL, unit TEXT, quality TEXT NOT NULL, cal TEXT, fault TEXT,
                method TEXT, mono_ns INTEGER, boot_id TEXT, sent_at_ms INTEGER);
            CREATE INDEX reading_unsent ON reading (id) WHERE sent_at_ms IS NULL;
            CREATE TABLE channel_state (device TEXT NOT NULL, channel TEXT NOT NULL, last_seq INTEGER NOT NULL,
                pulse_total INTEGER NOT NULL, pulse_checkpoint INTEGER NOT NULL DEFAULT 0, metered_total REAL,
                PRIMARY KEY (device, channel));
            CREATE TABLE counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 10)
            INSERT INTO reading (id, device, channel, seq, t_ms, value, unit, quality, sent_at_ms)
                SELECT k, 'd', 'c', k, k * 1000, k, 'm', 'good',
                       CASE WHEN k <= 3 THEN 50000 WHEN k <= 6 THEN 51000 WHEN k = 9 THEN 60000 END FROM n;
            INSERT INTO channel_state VALUES ('d', 'c', 10, 0, 0, NULL);
            PRAGMA user_version = 1;
            """)
        return path
    }

    @Test func aLayoutOneJournalOpensWithItsSentStateAsRanges() throws {
        let path = try layoutOneJournal()
        let j = try ReadingJournal(path: path, markDelay: .seconds(3600))
        #expect(j.recoveredFrom == nil)
        let (layout, ranges) = try j.withConnection { (db) throws(JournalError) -> (Int64?, [[Int64]]) in
            (try db.integer("PRAGMA user_version"),
             try db.withStatement("SELECT first, last, sent_at_ms FROM sent_range ORDER BY first") { (s) throws(JournalError) -> [[Int64]] in
                 var rows: [[Int64]] = []
                 while try s.step() { rows.append([s.integer(0), s.integer(1), s.integer(2)]) }
                 return rows
             })
        }
        #expect(layout == Int64(JournalSchema.version))
        #expect(ranges == [[1, 3, 50000], [4, 6, 51000], [9, 9, 60000]])
        #expect(try j.unsent(after: 0, limit: 100).map(\.rowID) == [7, 8, 10])
        #expect(try j.unsentCount() == 3)
        #expect(try j.summary().oldestUnsent == UnixTime(milliseconds: 7000))
        #expect(try j.all().map { $0.sentAt?.milliseconds ?? -1 } == [50000, 50000, 50000, 51000, 51000, 51000, -1, -1, 60000, -1])

        // Draining on: the new PUBACKs join the ranges, the readings' rows are not rewritten.
        try j.markSent([7, 8], at: UnixTime(milliseconds: 51000))
        try j.markSent([10], at: UnixTime(milliseconds: 70000))
        try j.flushMarks()
        #expect(try j.unsent(after: 0, limit: 100).isEmpty)
        #expect(try j.unsentCount() == 0)
        #expect(try j.all().map { $0.sentAt?.milliseconds ?? -1 } == [50000, 50000, 50000, 51000, 51000, 51000, 51000, 51000, 60000, 70000])
        let marked = try j.withConnection { (db) throws(JournalError) -> Int64? in
            try db.integer("SELECT count(*) FROM reading WHERE id IN (7, 8, 10) AND sent_at_ms IS NOT NULL")
        }
        #expect(marked == 0)
    }

    @Test func aRowMarkedByARolledBackFirmwareStaysSent() throws {
        // Layout-1 firmware after a rollback marks rows itself, in a gap between ranges.
        let path = try layoutOneJournal()
        do { _ = try ReadingJournal(path: path) }
        try SQLiteConnection(path: path, busyTimeoutMilliseconds: 10_000).execute("UPDATE reading SET sent_at_ms = 80000 WHERE id = 8")
        let j = try ReadingJournal(path: path)
        #expect(try j.unsent(after: 0, limit: 100).map(\.rowID) == [7, 10])
        #expect(try j.unsentCount() == 2)
        #expect(try j.summary().unsentCount == 2)
    }

    @Test func pruningDeletesAcknowledgedRangesButNeverTheNewestRow() throws {
        let path = try layoutOneJournal()
        let j = try ReadingJournal(path: path, markDelay: .zero)
        try j.markSent([7, 8, 10], at: UnixTime(milliseconds: 90000))
        let outcome = try j.enforce(JournalBudget(bytes: 1 << 30, keepSentSeconds: 20), now: UnixTime(milliseconds: 100_000))
        // Acknowledged before 80 s: rows 1–6 and 9; 7, 8 and 10 were acknowledged at 90 s.
        #expect(outcome.prunedSent == 7)
        #expect(try j.all().map(\.rowID) == [7, 8, 10])
        let everything = try j.enforce(JournalBudget(bytes: 1 << 30, keepSentSeconds: 0), now: UnixTime(milliseconds: 200_000))
        #expect(everything.prunedSent == 2)
        #expect(try j.all().map(\.rowID) == [10])
        #expect(try j.unsentCount() == 0)
    }
}
