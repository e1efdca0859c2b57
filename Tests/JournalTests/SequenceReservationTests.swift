import Foundation
import GatewayCore
import Journal
import Testing

/// A lost journal must not restart numbering: the city would take every new reading for one it already has.
@Suite struct SequenceReservationTests {
    func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "reservations-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func record(_ j: ReadingJournal, _ sequences: ClosedRange<UInt64>, channels: [ChannelID] = ["flow", "level"]) throws {
        for k in sequences {
            try j.record(channels.map {
                Reading(key: ReadingKey(device: "gw1", channel: $0, sequence: k),
                        time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(k) * 1000), value: MeasuredValue(1, "l"))
            }, states: [])
        }
    }

    func lastSequences(_ j: ReadingJournal) throws -> [String: UInt64] {
        Dictionary(uniqueKeysWithValues: try j.channelStates().map { ("\($0.channel)", $0.lastSequence) })
    }

    @Test func aJournalDeletedByHandContinuesAboveEverySequenceUsed() throws {
        let path = try folder() + "/journal.sqlite"
        try record(try ReadingJournal(path: path), 1...300)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let fresh = try ReadingJournal(path: path)
        let last = try lastSequences(fresh)
        #expect(last.keys.sorted() == ["flow", "level"])
        // 300 used; reserved in blocks of 256 from the first number each block starts at.
        #expect(last.values.allSatisfy { $0 >= 300 && $0 < 300 + 256 }, "\(last)")
        #expect(last["flow"] == 512)
    }

    @Test func aCorruptJournalSetAsideKeepsNumberingAbove() throws {
        let path = try folder() + "/journal.sqlite"
        do {
            let j = try ReadingJournal(path: path)
            try record(j, 1...10)
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: path))
        let recovered = try ReadingJournal(path: path)
        #expect(recovered.recoveredFrom != nil)
        #expect(try lastSequences(recovered) == ["flow": 256, "level": 256])
    }

    @Test func aJournalWithItsStateKeepsItsExactSequences() throws {
        let path = try folder() + "/journal.sqlite"
        try record(try ReadingJournal(path: path), 1...7)
        #expect(try lastSequences(try ReadingJournal(path: path)) == ["flow": 7, "level": 7])
    }

    @Test func anUnreadableReservationFileIsReportedAndWrittenAfresh() throws {
        let dir = try folder()
        let path = dir + "/journal.sqlite"
        try "not json".write(toFile: path + ".sequences", atomically: true, encoding: .utf8)
        let j = try ReadingJournal(path: path)
        #expect(j.reservationProblem?.contains(path + ".sequences") == true, "\(j.reservationProblem ?? "no problem")")
        try record(j, 1...2)
        #expect(try String(contentsOfFile: path + ".sequences", encoding: .utf8).contains("\"reserved\":256"))
        #expect(try ReadingJournal(path: path).reservationProblem == nil)
    }

    @Test func aChannelAddedLaterIsReservedToo() throws {
        let path = try folder() + "/journal.sqlite"
        let j = try ReadingJournal(path: path)
        try record(j, 1...3, channels: ["flow"])
        try record(j, 1...3, channels: ["heat"])
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        #expect(try lastSequences(try ReadingJournal(path: path)) == ["flow": 256, "heat": 256])
    }
}
