import GatewayCore
import Journal

/// Writes hours of template ticks into a journal quickly: a minute of ticks per transaction, since only the
/// rows matter here (a backlog to drain, or a day of history that the minute's pruning then eats into).
enum Backfill {
    /// Ticks end one second before `end`; returns the number of readings written.
    @discardableResult
    static func run(_ workload: inout TemplateWorkload, into journal: ReadingJournal, ticks: Int, end: UnixTime,
                    markSent: Bool, bootID: String? = nil) throws(JournalError) -> Int {
        let start = UnixTime(milliseconds: end.milliseconds - Int64(ticks) * 1000)
        var firstRow = try journal.lastRowID() + 1
        var written = 0
        for chunkStart in stride(from: 0, to: ticks, by: 60) {
            var readings: [Reading] = []
            var states: [ChannelID: ChannelState] = [:]
            for k in chunkStart..<min(ticks, chunkStart + 60) {
                let t = workload.tick(k, start: start, monoStart: 0)
                readings += bootID.map { boot in t.readings.map { var r = $0; r.bootID = boot; return r } } ?? t.readings
                for s in t.states { states[s.channel] = s }
            }
            try journal.record(readings, states: Array(states.values))
            if markSent {
                try journal.markSent(Array(firstRow..<(firstRow + Int64(readings.count))),
                                     at: readings[readings.count - 1].time)
            }
            firstRow += Int64(readings.count)
            written += readings.count
        }
        return written
    }
}
