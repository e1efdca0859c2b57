import Foundation
import GatewayCore
import Journal
import Testing

/// The board's half of a resend request: delivered readings of the asked spans go back in the backlog.
@Suite struct JournalResendTests {
    let device: DeviceID = "gw1"

    func journal(sequences: ClosedRange<UInt64>, channels: [ChannelID] = ["flow", "level"]) throws -> ReadingJournal {
        let dir = NSTemporaryDirectory() + "resend-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let j = try ReadingJournal(path: dir + "/journal.sqlite", markDelay: .seconds(3600))
        for k in sequences {
            let readings = channels.map {
                Reading(key: ReadingKey(device: device, channel: $0, sequence: k),
                        time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(k) * 1000), value: MeasuredValue(Double(k), "l"))
            }
            try j.record(readings, states: [])
        }
        return j
    }

    func unsent(_ j: ReadingJournal, _ channel: ChannelID) throws -> [UInt64] {
        try j.unsent(after: 0, limit: 10_000).filter { $0.reading.key.channel == channel }.map(\.reading.key.sequence)
    }

    @Test func deliveredReadingsOfTheSpansGoBackInTheBacklogAndNothingElse() throws {
        let j = try journal(sequences: 1...20)
        try j.markSent(try j.unsent(after: 0, limit: 100).map(\.rowID), at: UnixTime(milliseconds: 1_790_000_030_000))
        let outcome = try j.requeue(device: device, channel: "flow", spans: [3...5, 9...9])
        #expect(outcome == RequeueOutcome(requeued: 4, waiting: 0, unavailable: 0))
        #expect(try unsent(j, "flow") == [3, 4, 5, 9])
        #expect(try unsent(j, "level").isEmpty, "another channel's readings stay delivered")
    }

    @Test func readingsNotYetDeliveredAndReadingsNoLongerHeldAreCountedApart() throws {
        let j = try journal(sequences: 10...20)
        let rows = try j.unsent(after: 0, limit: 100).filter { $0.reading.key.sequence <= 15 }
        try j.markSent(rows.map(\.rowID), at: UnixTime(milliseconds: 1_790_000_030_000))
        // 5...9 were never in this journal (pruned or thinned); 10...15 delivered; 16...18 still waiting.
        let outcome = try j.requeue(device: device, channel: "flow", spans: [5...18])
        #expect(outcome == RequeueOutcome(requeued: 6, waiting: 3, unavailable: 5))
        #expect(try unsent(j, "flow") == Array(10...20))
    }

    @Test func anAcknowledgementStillInMemoryDoesNotUndoTheRequeue() throws {
        let j = try journal(sequences: 1...3)
        // PUBACKs not yet written: the requeue writes them first, or they would land afterwards and win.
        try j.markSent(try j.unsent(after: 0, limit: 100).map(\.rowID), at: UnixTime(milliseconds: 1_790_000_030_000))
        _ = try j.requeue(device: device, channel: "level", spans: [2...2])
        try j.flushMarks()
        #expect(try unsent(j, "level") == [2])
        #expect(try j.summary().unsentCount == 1)
    }

    @Test func anotherDevicesReadingsAreNotTouched() throws {
        let j = try journal(sequences: 1...3)
        try j.markSent(try j.unsent(after: 0, limit: 100).map(\.rowID), at: UnixTime(milliseconds: 1_790_000_030_000))
        let outcome = try j.requeue(device: "gw2", channel: "flow", spans: [1...3])
        #expect(outcome == RequeueOutcome(requeued: 0, waiting: 0, unavailable: 3))
        #expect(try j.summary().unsentCount == 0)
    }
}
