import GatewayCore
import Journal

/// The real `ReadingJournal` driven as the gateway drives it: `record` per tick, the publisher's `unsent`
/// query, `markSent` per acknowledged message, the budget pass once a minute.
struct SQLiteRun {
    let journal: ReadingJournal
    let mark: Measure.Marking

    func run(_ plan: [(readings: [Reading], states: [ChannelState])]) throws -> (ProcessCounters, ProcessCounters, String) {
        var cursor = try journal.lastRowID()
        var waiting = 0
        let budget = JournalBudget(bytes: 256 << 20)
        let before = ProcessCounters.now()
        for (k, tick) in plan.enumerated() {
            try journal.record(tick.readings, states: tick.states)
            waiting += tick.readings.count
            let now = tick.readings[0].time
            while mark != .none, waiting >= (mark == .perTick ? 1 : 50) {
                let batch = try journal.unsent(after: cursor, limit: 50)
                guard let last = batch.last else { break }
                try journal.markSent(batch.map(\.rowID), at: now)
                cursor = last.rowID
                waiting -= batch.count
            }
            if k % 60 == 59 { _ = try journal.enforce(budget, now: now) }
        }
        let after = ProcessCounters.now()
        return (before, after, "journal_bytes=\(try journal.usedBytes())")
    }
}
