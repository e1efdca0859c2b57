/// The segment prototype under the same workload: one appended, fsynced batch per tick, and an
/// acknowledgement record per acknowledged message, written without a sync of its own.
struct SegmentRun {
    let path: String
    let mark: Measure.Marking

    func run(_ ticks: [[[UInt8]]]) throws -> (ProcessCounters, ProcessCounters, String) {
        let log = try SegmentJournal(path: path)
        var acknowledged: UInt64 = 0
        var waiting = 0
        let before = ProcessCounters.now()
        for tick in ticks {
            try log.append(tick.map { (.reading, $0) }, sync: true)
            waiting += tick.count
            while mark != .none, waiting >= (mark == .perTick ? 1 : 50) {
                let n = min(waiting, 50)
                acknowledged += UInt64(n)
                waiting -= n
                try log.append([(.acknowledged, (0..<8).map { UInt8(truncatingIfNeeded: acknowledged >> UInt64(8 * $0)) })], sync: false)
            }
        }
        let after = ProcessCounters.now()
        let reopened = try SegmentJournal(path: path)
        return (before, after, "fsyncs=\(log.fsyncs) recovered_records=\(reopened.recoveredRecords)")
    }
}
