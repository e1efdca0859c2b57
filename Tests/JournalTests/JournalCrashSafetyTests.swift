import Foundation
import GatewayCore
@testable import Journal
import Testing

/// What a power cut or a second process can do to the journal's files, and what must survive it.
@Suite struct JournalCrashSafetyTests {
    func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "crash-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func reading(_ seq: UInt64) -> Reading {
        Reading(key: ReadingKey(device: "d", channel: "c", sequence: seq), time: UnixTime(milliseconds: Int64(seq) * 1000),
                value: MeasuredValue(Double(seq), "m"))
    }

    /// 100 ticks committed one by one, then the files copied as they are on the card at that instant (the WAL
    /// not yet checkpointed), as a power cut would leave them.
    func snapshotAfterCommits(_ count: Int) throws -> (dir: String, copy: String) {
        let dir = try folder()
        let j = try ReadingJournal(path: dir + "/journal.sqlite")
        for seq in 1...UInt64(count) { try j.record([reading(seq)], states: []) }
        let copy = try folder()
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: dir + "/journal.sqlite" + suffix, toPath: copy + "/journal.sqlite" + suffix)
        }
        withExtendedLifetime(j) {}
        return (dir, copy)
    }

    @Test func walCutMidFrameKeepsEveryEarlierCommit() throws {
        let (_, copy) = try snapshotAfterCommits(100)
        let wal = copy + "/journal.sqlite-wal"
        let size = try FileManager.default.attributesOfItem(atPath: wal)[.size] as! Int
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: wal))
        try handle.truncate(atOffset: UInt64(size - 100))
        try handle.close()
        let j = try ReadingJournal(path: copy + "/journal.sqlite")
        #expect(j.recoveredFrom == nil, "a torn tail is not corruption")
        let seqs = try j.all().map(\.reading.key.sequence)
        #expect(seqs == Array(1...UInt64(seqs.count)), "complete commits in order, none skipped")
        #expect(seqs.count == 99, "only the torn last commit is gone")
    }

    @Test func garbageAfterTheLastFrameIsIgnored() throws {
        let (_, copy) = try snapshotAfterCommits(50)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: copy + "/journal.sqlite-wal"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        try handle.close()
        let j = try ReadingJournal(path: copy + "/journal.sqlite")
        #expect(try j.all().count == 50)
        #expect(j.recoveredFrom == nil)
    }

    @Test func aSecondOpenerWaitsForTheLockInsteadOfCallingTheJournalCorrupt() throws {
        let dir = try folder()
        let path = dir + "/journal.sqlite"
        let j = try ReadingJournal(path: path)
        try j.record([reading(1)], states: [])
        // Another process holds an exclusive lock for a second (a backup, a field tool).
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let holder = try? SQLiteConnection(path: path, busyTimeoutMilliseconds: 10_000)
            try? holder?.execute("BEGIN EXCLUSIVE")
            Thread.sleep(forTimeInterval: 1)
            try? holder?.execute("COMMIT")
            released.signal()
        }
        Thread.sleep(forTimeInterval: 0.2)
        let second = try ReadingJournal(path: path)
        released.wait()
        #expect(second.recoveredFrom == nil)
        #expect(try second.all().count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.contains("corrupt") })
    }
}
