import Foundation
import GatewayCore
import Journal
import Testing

@Suite struct JournalBudgetTests {
    func journal() throws -> ReadingJournal {
        let dir = NSTemporaryDirectory() + "budget-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try ReadingJournal(path: dir + "/journal.sqlite")
    }

    /// 3000 raw temperatures, 300 energy totals and 300 derived demands, interleaved as a board writes them.
    func fill(_ j: ReadingJournal) throws {
        var batch: [Reading] = []
        for i in 1...3000 {
            let t = UnixTime(milliseconds: 1_790_000_000_000 + Int64(i) * 1000)
            batch.append(Reading(key: ReadingKey(device: "d", channel: "temp", sequence: UInt64(i)), time: t,
                                 value: MeasuredValue(20 + Double(i % 7) / 10, "Cel")))
            if i % 10 == 0 {
                batch.append(Reading(key: ReadingKey(device: "d", channel: "import", sequence: UInt64(i / 10)), time: t,
                                     value: MeasuredValue(1, "kWh"), sum: MeasuredValue(Double(i / 10), "kWh")))
                batch.append(Reading(key: ReadingKey(device: "d", channel: "demand", sequence: UInt64(i / 10)), time: t,
                                     value: MeasuredValue(2, "kW"), method: "demand-30min"))
            }
            if batch.count >= 500 { try j.record(batch, states: []); batch.removeAll() }
        }
        try j.record(batch, states: [])
    }

    @Test func thinningKeepsTotalsAndDerivedAndCountsEveryLoss() throws {
        let j = try journal()
        try fill(j)
        let full = try j.usedBytes()
        let outcome = try j.enforce(JournalBudget(bytes: full * 3 / 4), now: UnixTime(milliseconds: 1_790_000_000_000))
        #expect(outcome.dropped > 0)
        #expect(outcome.usedBytes <= full * 3 / 4)
        let left = try j.all().map(\.reading)
        #expect(left.filter { $0.key.channel == "import" }.count == 300)
        #expect(left.filter { $0.key.channel == "demand" }.count == 300)
        #expect(left.filter { $0.key.channel == "temp" }.count == 3000 - outcome.dropped)
        #expect(try j.summary().losses == outcome.dropped)
        // Oldest first: the newest raw samples are all still there.
        let temps = Set(left.filter { $0.key.channel == "temp" }.map(\.key.sequence))
        #expect((2001...3000).allSatisfy { temps.contains(UInt64($0)) })
        // Thinned, not truncated: among the oldest samples every other one survives.
        #expect(temps.contains(2) && !temps.contains(1))
    }

    @Test func deliveredReadingsArePrunedFirstAndAreNotLosses() throws {
        let j = try journal()
        try fill(j)
        let all = try j.all()
        try j.markSent(all.prefix(2000).map(\.rowID), at: UnixTime(milliseconds: 1_790_000_000_000))
        // Within retention: nothing pruned while under budget.
        let relaxed = try j.enforce(JournalBudget(bytes: 1 << 40), now: UnixTime(milliseconds: 1_790_000_100_000))
        #expect(relaxed.prunedSent == 0 && relaxed.dropped == 0)
        // Past the retention they go, and none counts as a loss.
        let later = try j.enforce(JournalBudget(bytes: 1 << 40, keepSentSeconds: 3600), now: UnixTime(milliseconds: 1_790_010_000_000))
        #expect(later.prunedSent == 2000 && later.dropped == 0)
        #expect(try j.summary().losses == 0)
        #expect(try j.summary().unsentCount == all.count - 2000)
    }

    @Test func dropOldestPolicyDropsAnyKindOldestFirst() throws {
        let j = try journal()
        try fill(j)
        let full = try j.usedBytes()
        let outcome = try j.enforce(JournalBudget(bytes: full / 2, policy: .dropOldest), now: UnixTime(milliseconds: 0))
        let left = try j.all()
        #expect(try j.summary().losses == outcome.dropped)
        #expect(left.count == 3600 - outcome.dropped)
        #expect(left.first!.reading.time > UnixTime(milliseconds: 1_790_000_001_000))
    }
}
