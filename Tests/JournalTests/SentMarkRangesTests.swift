import Foundation
import GatewayCore
@testable import Journal
import Testing

/// Acknowledgements are written as ranges of consecutive row ids with one sent time each: every row gets its
/// own PUBACK time, and no row between two acknowledged ones is taken for sent.
@Suite struct SentMarkRangesTests {
    func journal() throws -> (ReadingJournal, String) {
        let dir = NSTemporaryDirectory() + "marks-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/journal.sqlite"
        let j = try ReadingJournal(path: path, markDelay: .seconds(3600))
        try j.record((1...12).map {
            Reading(key: ReadingKey(device: "d", channel: "c", sequence: $0), time: UnixTime(milliseconds: Int64($0) * 1000),
                    value: MeasuredValue(Double($0), "m"))
        }, states: [])
        return (j, path)
    }

    @Test func gapsAndDifferentTimesSplitTheRanges() throws {
        let (j, path) = try journal()
        try j.markSent([1, 2, 3], at: UnixTime(milliseconds: 100))
        try j.markSent([5, 6], at: UnixTime(milliseconds: 100))   // 4 not acknowledged yet
        try j.markSent([7], at: UnixTime(milliseconds: 200))      // consecutive with 6, a later PUBACK
        try j.markSent([9, 10], at: UnixTime(milliseconds: 100))  // 8 left out
        try j.flushMarks()
        let onDisk = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 10_000)
            .withStatement("SELECT id, sent_at_ms FROM reading_delivery ORDER BY id") { (s) throws(JournalError) -> [[Int64]] in
                var rows: [[Int64]] = []
                while try s.step() { rows.append([s.integer(0), s.optionalInteger(1) ?? -1]) }
                return rows
            }
        #expect(onDisk == [[1, 100], [2, 100], [3, 100], [4, -1], [5, 100], [6, 100], [7, 200], [8, -1],
                           [9, 100], [10, 100], [11, -1], [12, -1]])
        #expect(try j.unsent(after: 0, limit: 100).map(\.rowID) == [4, 8, 11, 12])
    }

    @Test func aRangeOverRowsAlreadyPrunedMarksOnlyWhatIsLeft() throws {
        let (j, _) = try journal()
        try j.markSent(Array(1...12), at: UnixTime(milliseconds: 100))
        try j.flushMarks()
        #expect(try j.summary().unsentCount == 0)
        _ = try j.requeue(device: "d", channel: "c", spans: [3...4])
        #expect(try j.unsent(after: 0, limit: 100).map(\.rowID) == [3, 4])
        try j.markSent([3, 4], at: UnixTime(milliseconds: 300))
        try j.flushMarks()
        #expect(try j.all().map { $0.sentAt?.milliseconds ?? -1 } == [100, 100, 300, 300] + Array(repeating: 100, count: 8))
    }
}
