import Foundation
import GatewayCore
@testable import Journal
import Testing

/// A board rolled back after an update opens the journal the newer version wrote: layouts change additively
/// (JournalSchema.migrate), so the older firmware reads and sends the newer one's readings.
@Suite struct JournalLayoutCompatibilityTests {
    func journalWithFiveUnsentReadings() throws -> String {
        let dir = NSTemporaryDirectory() + "layout-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let j = try ReadingJournal(path: dir + "/journal.sqlite")
        for seq in 1...UInt64(5) {
            try j.record([Reading(key: ReadingKey(device: "d", channel: "c", sequence: seq),
                                  time: UnixTime(milliseconds: Int64(seq) * 1000), value: MeasuredValue(Double(seq), "m"))],
                         states: [])
        }
        return dir + "/journal.sqlite"
    }

    /// What a newer firmware's layout change does to the file, through the sqlite3 shell.
    func alter(_ path: String, _ sql: String) throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path, sql]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
    }

    @Test func anOlderFirmwareReadsAndSendsFromANewerAdditiveLayout() throws {
        let path = try journalWithFiveUnsentReadings()
        try alter(path, """
            ALTER TABLE reading ADD COLUMN origin TEXT NOT NULL DEFAULT 'sampled';
            CREATE TABLE firmware_note (id INTEGER PRIMARY KEY, note TEXT);
            INSERT INTO reading (id, device, channel, seq, t_ms, value, unit, quality, origin)
                VALUES (6, 'd', 'c', 6, 6000, 6.0, 'm', 'good', 'newer firmware');
            PRAGMA user_version = \(JournalSchema.version + 1);
            """)
        let j = try ReadingJournal(path: path)
        #expect(j.recoveredFrom == nil, "a newer additive layout is not damage")
        #expect(try j.unsent(after: 0, limit: 100).map(\.reading.key.sequence) == [1, 2, 3, 4, 5, 6])
        try j.record([Reading(key: ReadingKey(device: "d", channel: "c", sequence: 7), time: UnixTime(milliseconds: 7000),
                              value: MeasuredValue(7, "m"))], states: [])
        #expect(try j.all().count == 7)
    }

    @Test func aNewerLayoutThatDroppedAColumnIsSetAside() throws {
        let path = try journalWithFiveUnsentReadings()
        try alter(path, "DROP VIEW reading_delivery; ALTER TABLE reading DROP COLUMN method; PRAGMA user_version = \(JournalSchema.version + 1);")
        let j = try ReadingJournal(path: path)
        #expect(j.recoveredFrom != nil, "a layout that removed a column this firmware reads broke the rule")
        #expect(try j.all().isEmpty)
    }
}
