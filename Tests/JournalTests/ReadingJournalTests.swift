import Foundation
import GatewayCore
import Journal
import Testing

@Suite struct ReadingJournalTests {
    func tempPath() -> String {
        let dir = NSTemporaryDirectory() + "journal-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/journal.sqlite"
    }

    func reading(_ seq: UInt64, channel: String = "c", sum: Double? = nil) -> Reading {
        Reading(key: ReadingKey(device: "d", channel: ChannelID(channel), sequence: seq),
                time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(seq) * 1000),
                value: MeasuredValue(Double(seq), "m3"), sum: sum.map { MeasuredValue($0, "m3") })
    }

    @Test func readingsAndStateCommitTogetherAndSurviveReopen() throws {
        let path = tempPath()
        do {
            let j = try ReadingJournal(path: path)
            try j.record([reading(1, sum: 1), reading(2, sum: 3)],
                         states: [ChannelState(device: "d", channel: "c", lastSequence: 2, pulseTotal: 30)])
        }
        let j = try ReadingJournal(path: path)
        #expect(try j.all().map(\.reading) == [reading(1, sum: 1), reading(2, sum: 3)])
        #expect(try j.channelStates() == [ChannelState(device: "d", channel: "c", lastSequence: 2, pulseTotal: 30)])
    }

    @Test func unsentUntilAcknowledgedInJournalOrder() throws {
        let j = try ReadingJournal(path: tempPath())
        try j.record((1...5).map { reading($0) }, states: [])
        let first = try j.unsent(after: 0, limit: 3)
        #expect(first.map(\.reading.key.sequence) == [1, 2, 3])
        #expect(try j.unsent(after: first.last!.rowID, limit: 10).map(\.reading.key.sequence) == [4, 5])
        try j.markSent(first.map(\.rowID), at: UnixTime(milliseconds: 1))
        #expect(try j.unsent(after: 0, limit: 10).map(\.reading.key.sequence) == [4, 5])
        let s = try j.summary()
        #expect(s.unsentCount == 2 && s.totalCount == 5)
        #expect(s.oldestUnsent == reading(4).time)
    }

    @Test func aReusedSequenceIsRefusedNotOverwritten() throws {
        let j = try ReadingJournal(path: tempPath())
        try j.record([reading(1)], states: [])
        #expect(throws: JournalError.self) { try j.record([reading(2), reading(1)], states: []) }
        // The failed transaction left nothing behind.
        #expect(try j.all().map(\.reading.key.sequence) == [1])
    }

    @Test func corruptFileIsMovedAsideAndANewJournalStarts() throws {
        let path = tempPath()
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        let j = try ReadingJournal(path: path)
        let aside = try #require(j.recoveredFrom)
        #expect(FileManager.default.fileExists(atPath: aside))
        #expect(try j.summary().recoveredFrom == aside)
        try j.record([reading(1)], states: [])
        #expect(try j.all().count == 1)
    }

    @Test func unwritableLocationNamesThePath() {
        do {
            _ = try ReadingJournal(path: "/proc/no-such-dir/journal.sqlite")
            Issue.record("opened a journal in /proc")
        } catch {
            #expect(error.description.contains("/proc/no-such-dir/journal.sqlite"))
        }
    }

    @Test func aFailureSQLiteReportsCarriesItsResultCodeAndWhatToCheck() {
        do {
            _ = try ReadingJournal(path: "/proc/no-such-dir/journal.sqlite")
            Issue.record("opened a journal in /proc")
        } catch {
            #expect(error.sqliteResultCode.map { $0 & 0xFF } == 14, "SQLITE_CANTOPEN")
            #expect(error.description.contains("state directory exists and is writable"), "\(error)")
        }
    }
}
