import Foundation
import GatewayCore
@testable import Journal
import Testing

/// What the journal writes per tick, and the guarantees that used to cost an index or a commit of their own:
/// PUBACKs ride the tick's commit, sequences stay unique, row ids never come back, older files are upgraded.
@Suite struct JournalWritePathTests {
    func tempPath() -> String {
        let dir = NSTemporaryDirectory() + "writes-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/journal.sqlite"
    }

    static let channels = ["grid-import", "grid-export", "pv-generation", "indoor-temperature", "outdoor-temperature",
                           "outdoor-humidity", "heating-flow", "supply-temperature", "return-temperature",
                           "grid-import-demand-predicted", "district-heat"]

    /// One tick of the building example: every channel once, as the sampler records it.
    func tick(_ k: UInt64, channels: [String] = channels) -> (readings: [Reading], states: [ChannelState]) {
        let readings = channels.map {
            var r = Reading(key: ReadingKey(device: "sapporo-cityhall-gw1", channel: ChannelID($0), sequence: k),
                            time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(k) * 1000), value: MeasuredValue(21.5, "Cel"))
            r.monotonicNanoseconds = k * 1_000_000_000
            r.bootID = "6f1c3a52-0c4e-4a8e-9d7b-2f0a1e5b9c11"
            return r
        }
        return (readings, readings.map { ChannelState(device: $0.key.device, channel: $0.key.channel, lastSequence: k, pulseTotal: 0) })
    }

    /// Sent state as a second connection (another process, or this one after a crash) finds it on disk.
    func sentOnDisk(_ path: String) throws -> [Int64] {
        try SQLiteConnection(path: path, busyTimeoutMilliseconds: 10_000)
            .withStatement("SELECT id FROM reading_delivery WHERE sent_at_ms IS NOT NULL ORDER BY id") { (s) throws(JournalError) -> [Int64] in
                var ids: [Int64] = []
                while try s.step() { ids.append(s.integer(0)) }
                return ids
            }
    }

    @Test func acknowledgementsRideTheNextTicksCommitAndCountAsSentMeanwhile() throws {
        let path = tempPath()
        let j = try ReadingJournal(path: path, markDelay: .seconds(3600))
        let first = tick(1)
        try j.record(first.readings, states: first.states)
        let rows = try j.unsent(after: 0, limit: 100).map(\.rowID)
        try j.markSent(Array(rows.prefix(4)), at: UnixTime(milliseconds: 1_790_000_001_500))
        #expect(try sentOnDisk(path).isEmpty, "no commit of their own")
        #expect(try j.unsent(after: 0, limit: 100).map(\.rowID) == Array(rows.dropFirst(4)), "not offered again meanwhile")
        #expect(try j.unsent(after: 0, limit: 3).map(\.rowID) == Array(rows.dropFirst(4).prefix(3)), "the limit counts what is returned")
        let second = tick(2)
        try j.record(second.readings, states: second.states)
        #expect(try sentOnDisk(path) == Array(rows.prefix(4)))
    }

    @Test func acknowledgementsNotYetWrittenAreSentAgainAfterACrash() throws {
        let path = tempPath()
        do {
            let j = try ReadingJournal(path: path, markDelay: .seconds(3600))
            let t = tick(1)
            try j.record(t.readings, states: t.states)
            try j.markSent(try j.unsent(after: 0, limit: 100).map(\.rowID), at: UnixTime(milliseconds: 1))
        }  // gone without a flush, as after SIGKILL
        let reopened = try ReadingJournal(path: path)
        #expect(try reopened.unsent(after: 0, limit: 100).count == Self.channels.count, "resent, never lost")
    }

    @Test func fromOutsideADrainedBacklogIsTheNewestTickAtMost() throws {
        let path = tempPath()
        let gateway = try ReadingJournal(path: path, markDelay: .seconds(3600))
        for k in 1...3 as ClosedRange<UInt64> {
            let t = tick(k)
            try gateway.record(t.readings, states: t.states)
        }
        let outside = try ReadingJournal(path: path)
        #expect(try outside.unsentBeforeNewestTick() == 2 * Self.channels.count)
        try gateway.markSent(try gateway.unsent(after: 0, limit: 100).map(\.rowID), at: UnixTime(milliseconds: 1))
        #expect(try outside.unsentBeforeNewestTick() == 2 * Self.channels.count, "the PUBACKs are still in the gateway's memory")
        let t = tick(4)
        try gateway.record(t.readings, states: t.states)
        #expect(try outside.unsentBeforeNewestTick() == 0)
        #expect(try outside.summary().unsentCount == Self.channels.count, "the newest tick")
    }

    @Test func aLoneAcknowledgementIsWrittenOnceItHasWaited() throws {
        let path = tempPath()
        let j = try ReadingJournal(path: path, markDelay: .milliseconds(200))
        let t = tick(1)
        try j.record(t.readings, states: t.states)
        try j.markSent([1], at: UnixTime(milliseconds: 1))
        try j.flushMarksIfDue()
        #expect(try sentOnDisk(path).isEmpty)
        Thread.sleep(forTimeInterval: 0.3)
        try j.flushMarksIfDue()
        #expect(try sentOnDisk(path) == [1])
    }

    @Test func manyAcknowledgementsAreWrittenWithoutWaitingForATick() throws {
        let path = tempPath()
        let j = try ReadingJournal(path: path, markDelay: .seconds(3600), markLimit: 3)
        let t = tick(1)
        try j.record(t.readings, states: t.states)
        try j.markSent([1, 2], at: UnixTime(milliseconds: 1))
        try j.flushMarksIfDue()
        #expect(try sentOnDisk(path).isEmpty)
        try j.markSent([3], at: UnixTime(milliseconds: 2))
        try j.flushMarksIfDue()
        #expect(try sentOnDisk(path) == [1, 2, 3])
    }

    @Test func summaryAndBudgetSeeAcknowledgementsStillInMemory() throws {
        let j = try ReadingJournal(path: tempPath(), markDelay: .seconds(3600))
        let t = tick(1)
        try j.record(t.readings, states: t.states)
        try j.markSent(try j.unsent(after: 0, limit: 100).map(\.rowID), at: UnixTime(milliseconds: 1_790_000_002_000))
        #expect(try j.summary().unsentCount == 0)
        let outcome = try j.enforce(JournalBudget(bytes: 0, policy: .dropOldest, keepSentSeconds: 3600), now: UnixTime(milliseconds: 1_790_000_003_000))
        #expect(outcome.dropped == 0, "acknowledged readings are pruned, not counted as lost")
        #expect(try j.summary().losses == 0)
    }

    /// The regression guard for card wear: bytes appended to the WAL per tick of the building example, with the
    /// previous tick's PUBACKs. The first layout (UNIQUE index, AUTOINCREMENT, 4 KiB pages, a commit per PUBACK
    /// batch) appended 22 frames, 88 KiB, a tick in this workload (Board/bench/journal-write-model.py); this one
    /// about 9 frames of 1 KiB.
    @Test func aTickWithItsAcknowledgementsAppendsAFewSmallPages() throws {
        let path = tempPath()
        let j = try ReadingJournal(path: path, markDelay: .seconds(3600))
        try j.withConnection { (db) throws(JournalError) in try db.execute("PRAGMA wal_autocheckpoint=0") }
        var previous: [Int64] = []
        for k in 1...200 as ClosedRange<UInt64> {
            if k == 101 {  // measure the second hundred, after the tables have their first pages
                try j.withConnection { (db) throws(JournalError) in try db.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
            }
            try j.markSent(previous, at: UnixTime(milliseconds: 1_790_000_000_000 + Int64(k) * 1000))
            let t = tick(k)
            try j.record(t.readings, states: t.states)
            previous = try j.unsent(after: previous.last ?? 0, limit: 100).map(\.rowID)
        }
        let walBytes = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as! Int
        #expect((walBytes - 32) / 100 <= 10 * 1024, "\((walBytes - 32) / 100) bytes a tick")
    }

    @Test func aReusedSequenceIsRefusedAcrossTicksAndNamesTheChannel() throws {
        let j = try ReadingJournal(path: tempPath())
        let t = tick(7)
        try j.record(t.readings, states: t.states)
        let again = tick(7, channels: ["district-heat"])
        let error = try #require(throws: JournalError.self) { try j.record(again.readings, states: again.states) }
        #expect(error.description.contains("district-heat") && error.description.contains("sequence 7"))
        #expect(try j.all().count == Self.channels.count)
    }

    @Test func rowIDsAreNeverHandedOutTwiceWhenEverythingIsPruned() throws {
        let j = try ReadingJournal(path: tempPath(), markDelay: .zero)
        let t = tick(1)
        try j.record(t.readings, states: t.states)
        let rows = try j.unsent(after: 0, limit: 100).map(\.rowID)
        try j.markSent(rows, at: UnixTime(milliseconds: 1))
        _ = try j.enforce(JournalBudget(bytes: 0, keepSentSeconds: 0), now: UnixTime(milliseconds: 1_800_000_000_000))
        #expect(try j.all().map(\.rowID) == [rows.last!], "the newest row stays")
        let next = tick(2)
        try j.record(next.readings, states: next.states)
        #expect(try j.unsent(after: 0, limit: 100).first!.rowID > rows.last!)
    }

    @Test func totalAndLatestReadBackwardsPastOtherChannelsAndUnsynchronisedReadings() throws {
        let j = try ReadingJournal(path: tempPath())
        for k in 1...120 as ClosedRange<UInt64> {
            var t = tick(k, channels: ["grid-import", "outdoor-temperature"])
            t.readings[0].value = MeasuredValue(Double(k), "kWh")
            if k == 100 { t.readings[0].quality = .fault }
            if k == 110 { t.readings[0].quality = .clockUnsynchronised; t.readings[0].time = UnixTime(milliseconds: 5_000) }
            try j.record(t.readings, states: t.states)
        }
        let from = UnixTime(milliseconds: 1_790_000_000_000 + 90 * 1000), to = UnixTime(milliseconds: 1_790_000_000_000 + 115 * 1000)
        // 90…114, less the fault at 100 and the unsynchronised 110 (outside the window by its 1970 stamp).
        let expected = Double((90...114).reduce(0, +) - 100 - 110)
        #expect(try j.total(device: "sapporo-cityhall-gw1", channel: "grid-import", from: from, to: to) == expected)
        #expect(try j.latest(device: "sapporo-cityhall-gw1", channel: "grid-import")?.key.sequence == 120)
        #expect(try j.latest(device: "sapporo-cityhall-gw1", channel: "no-such-channel") == nil)
    }

    /// A journal written by the first layout (UNIQUE index, AUTOINCREMENT) is rebuilt in place at open, with
    /// every row, its id and its sent state.
    @Test func aFirstLayoutJournalIsUpgradedKeepingEveryRow() throws {
        let path = tempPath()
        try SQLiteConnection(path: path, busyTimeoutMilliseconds: 10_000).execute("""
                CREATE TABLE reading (id INTEGER PRIMARY KEY AUTOINCREMENT, device TEXT NOT NULL, channel TEXT NOT NULL,
                    seq INTEGER NOT NULL, t_ms INTEGER NOT NULL, value REAL, sum REAL, unit TEXT, quality TEXT NOT NULL,
                    cal TEXT, fault TEXT, method TEXT, mono_ns INTEGER, boot_id TEXT, sent_at_ms INTEGER,
                    UNIQUE (device, channel, seq));
                CREATE INDEX reading_unsent ON reading (id) WHERE sent_at_ms IS NULL;
                CREATE TABLE channel_state (device TEXT NOT NULL, channel TEXT NOT NULL, last_seq INTEGER NOT NULL,
                    pulse_total INTEGER NOT NULL, PRIMARY KEY (device, channel));
                CREATE TABLE counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                INSERT INTO reading (id, device, channel, seq, t_ms, value, unit, quality, sent_at_ms)
                    VALUES (40, 'd', 'c', 1, 1000, 1.5, 'm3', 'good', 2000), (41, 'd', 'c', 2, 2000, 2.5, 'm3', 'good', NULL);
                INSERT INTO channel_state VALUES ('d', 'c', 2, 77);
                INSERT INTO counter VALUES ('losses', 3);
                """)
        let j = try ReadingJournal(path: path)
        #expect(j.recoveredFrom == nil)
        #expect(try j.all().map { [$0.rowID, Int64($0.reading.key.sequence), $0.sentAt?.milliseconds ?? -1] } == [[40, 1, 2000], [41, 2, -1]])
        #expect(try j.channelStates() == [ChannelState(device: "d", channel: "c", lastSequence: 2, pulseTotal: 77)])
        #expect(try j.summary().losses == 3)
        let layout = try j.withConnection { (db) throws(JournalError) -> (Int?, String?) in
            (try db.integer("PRAGMA user_version").map { Int($0) },
             try db.withStatement("SELECT sql FROM sqlite_master WHERE name = 'reading'") { (s) throws(JournalError) -> String? in
                 try s.step() ? s.optionalText(0) : nil
             })
        }
        #expect(layout.0 == JournalSchema.version)
        #expect(layout.1.map { !$0.contains("UNIQUE") && !$0.contains("AUTOINCREMENT") } == true)
    }

    @Test func aJournalFromNewerFirmwareIsSetAsideNotMisread() throws {
        let path = tempPath()
        try SQLiteConnection(path: path, busyTimeoutMilliseconds: 10_000)
            .execute("CREATE TABLE reading (id INTEGER PRIMARY KEY, t_ms INTEGER); PRAGMA user_version = 99")
        let j = try ReadingJournal(path: path)
        let aside = try #require(j.recoveredFrom)
        #expect(FileManager.default.fileExists(atPath: aside))
        #expect(try j.all().isEmpty)
    }
}
