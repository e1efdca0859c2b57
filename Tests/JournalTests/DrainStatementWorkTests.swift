import Foundation
import GatewayCore
@testable import Journal
import Testing

/// Issue 11 item 7: what SQLite does for a drain, counted with `sqlite3_stmt_status`. Each unsent row is read
/// once, in the pack that sends it; no statement walks the whole table; writing a batch of PUBACKs costs the
/// same whatever the number of readings it acknowledges; and the quick counts do not walk acknowledged rows.
@Suite struct DrainStatementWorkTests {
    let backlog = 3000
    let pack = 50

    func backlogJournal() throws -> ReadingJournal {
        let j = try ReadingJournal(path: JournalWritePathTests().tempPath(), markDelay: .seconds(3600))
        var readings: [Reading] = []
        for k in 1...backlog {
            var r = Reading(key: ReadingKey(device: "d", channel: ChannelID("c\(k % 10)"), sequence: UInt64(k)),
                            time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(k) * 100), value: MeasuredValue(Double(k), "Cel"))
            r.bootID = "boot"
            r.monotonicNanoseconds = UInt64(k) * 100_000_000
            readings.append(r)
        }
        try j.record(readings, states: [])
        return j
    }

    @Test func aDrainReadsEachUnsentRowOnceAndMarksWithoutRewritingRows() throws {
        let j = try backlogJournal()
        let through = try j.lastRowID()
        var cursor: Int64 = 0
        var packs = 0
        var reading: (steps: Int64, rows: Int64, fullScans: Int64) = (0, 0, 0)
        var marking: [Int64] = []
        while true {
            let before = try j.statementWork()
            let rows = try j.unsent(after: cursor, through: through, limit: pack)
            let after = try j.statementWork()
            reading.steps += after.virtualMachineSteps - before.virtualMachineSteps
            reading.rows += after.rowsReturned - before.rowsReturned
            reading.fullScans += after.fullScanSteps - before.fullScanSteps
            guard let last = rows.last else { break }
            packs += 1
            cursor = last.rowID
            try j.markSent(rows.map(\.rowID), at: UnixTime(milliseconds: 1_790_000_500_000 + Int64(packs)))
            if packs % 20 == 0 {
                // A batch of 1,000 acknowledgements (20 packs, each its own PUBACK time) written in one commit.
                let w0 = try j.statementWork()
                try j.flushMarks()
                marking.append(try j.statementWork().virtualMachineSteps - w0.virtualMachineSteps)
            }
        }
        try j.flushMarks()
        #expect(packs == backlog / pack)
        // Each unsent row came back from SQLite once (plus the gap lookups' few rows per pack), none skipped over
        // by a full scan.
        #expect(reading.rows <= Int64(backlog + 3 * packs), "rows returned: \(reading.rows) for \(backlog) readings")
        #expect(reading.fullScans == 0)
        // Reading a row by row id is some twenty VM steps (its fifteen columns); an index walk with a lookup per
        // row, or reading rows twice, is more.
        #expect(reading.steps <= Int64(backlog) * 25 + Int64(packs) * 200, "VM steps reading: \(reading.steps)")
        // Marking 1,000 readings sent in 20 ranges touches no reading: some fifty steps per range, where an
        // UPDATE of each reading's row and its unsent-index entry takes more than ten per reading.
        #expect(!marking.isEmpty)
        for steps in marking { #expect(steps < 2000, "VM steps to mark 1,000 readings sent: \(steps)") }
        #expect(try j.unsentCount() == 0)
    }

    @Test func theQuickCountsWalkOnlyTheUnsentRows() throws {
        let j = try backlogJournal()
        try j.markSent((1...Int64(backlog - 100)).map { $0 }, at: UnixTime(milliseconds: 1_790_000_500_000))
        try j.flushMarks()
        let before = try j.statementWork()
        #expect(try j.unsentCount() == 100)
        let after = try j.statementWork()
        #expect(after.fullScanSteps == before.fullScanSteps)
        // 100 unsent index entries to count, not the 3,000 rows of the journal.
        #expect(after.virtualMachineSteps - before.virtualMachineSteps < 1000,
                "VM steps to count 100 unsent of \(backlog): \(after.virtualMachineSteps - before.virtualMachineSteps)")
    }
}
