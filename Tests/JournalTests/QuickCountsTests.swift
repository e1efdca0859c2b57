import Foundation
import GatewayCore
import Journal
import Testing

/// Issue 11 item 7: the counts the publisher reads at every connect and for its last will come from the unsent
/// index and the loss counter, not from `summary()`'s pass over every row; they must say what `summary()` says.
@Suite struct QuickCountsTests {
    func journal(markDelay: Swift.Duration = .seconds(3600)) throws -> ReadingJournal {
        let dir = NSTemporaryDirectory() + "quick-counts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try ReadingJournal(path: dir + "/journal.sqlite", markDelay: markDelay)
    }

    func record(_ j: ReadingJournal, _ sequences: ClosedRange<UInt64>) throws {
        try j.record(sequences.map {
            Reading(key: ReadingKey(device: "d", channel: "temp", sequence: $0),
                    time: UnixTime(milliseconds: 1_790_000_000_000 + Int64($0) * 1000), value: MeasuredValue(21, "Cel"))
        }, states: [])
    }

    @Test func unsentCountTakesWaitingAcknowledgementsAsSent() throws {
        let j = try journal()
        try record(j, 1...40)
        #expect(try j.unsentCount() == 40)
        // Acknowledged but not yet written: sent, as `unsent` and `summary` have it.
        try j.markSent(Array(1...15), at: UnixTime(milliseconds: 5))
        #expect(try j.unsentCount() == 25)
        #expect(try j.unsentCount() == j.summary().unsentCount)
        _ = try j.requeue(device: "d", channel: "temp", spans: [3...4])
        #expect(try j.unsentCount() == 27)
        #expect(try j.unsentCount() == j.summary().unsentCount)
    }

    @Test func lossesAreTheBudgetsCount() throws {
        let j = try journal()
        #expect(try j.losses() == 0)
        for block in 0..<6 { try record(j, UInt64(block * 500 + 1)...UInt64(block * 500 + 500)) }
        let full = try j.usedBytes()
        let outcome = try j.enforce(JournalBudget(bytes: full / 2), now: UnixTime(milliseconds: 1_790_000_000_000))
        #expect(outcome.dropped > 0)
        #expect(try j.losses() == outcome.dropped)
        #expect(try j.losses() == j.summary().losses)
    }
}
