import Foundation
import GatewayCore
@testable import Journal
import Testing

/// Issue 11 item 7: before its first PUBACK a gateway starting on a 24-hour backlog spent 3–17 s in passes over
/// the whole file: `PRAGMA quick_check`, the restamp of this boot's readings and the budget pass's search for rows
/// marked sent in place. Each is now bounded, and each still does its job where it has one.
@Suite struct StartUpPassTests {
    let backlog = 3000
    /// A trusted clock's offset (wall minus monotonic), in milliseconds.
    let offset: Int64 = 1_790_000_000_000

    /// `count` readings of `boot`, one every 100 ms of monotonic time from `monoStart`, stamped on `offset`.
    func readings(_ count: Int, boot: String, firstSequence: Int, monoStart: UInt64,
                  quality: ReadingQuality = .good) -> [Reading] {
        (0..<count).map { k in
            let mono = monoStart + UInt64(k) * 100_000_000
            var r = Reading(key: ReadingKey(device: "d", channel: ChannelID("c\(k % 10)"), sequence: UInt64(firstSequence + k)),
                            time: UnixTime(milliseconds: offset + Int64(mono / 1_000_000)), value: MeasuredValue(Double(k), "Cel"),
                            quality: quality)
            r.bootID = boot
            r.monotonicNanoseconds = mono
            return r
        }
    }

    func wall(atMonotonic mono: UInt64, steppedBy step: Int64 = 0) -> UnixTime {
        UnixTime(milliseconds: offset + Int64(mono / 1_000_000) + step)
    }

    /// VM steps and full-scan steps of `body` on the journal's connection.
    func work(_ j: ReadingJournal, _ body: () throws -> Void) throws -> (steps: Int64, fullScans: Int64) {
        let before = try j.statementWork()
        try body()
        let after = try j.statementWork()
        return (after.virtualMachineSteps - before.virtualMachineSteps, after.fullScanSteps - before.fullScanSteps)
    }

    @Test func theIntegrityCheckRunsOncePerBoot() throws {
        let path = JournalWritePathTests().tempPath()
        do {
            let j = try ReadingJournal(path: path, bootID: "boot-a")
            #expect(j.integrityChecked)
            try j.record(readings(10, boot: "boot-a", firstSequence: 1, monoStart: 0), states: [])
        }
        do { #expect(try !ReadingJournal(path: path, bootID: "boot-a").integrityChecked, "a restart in the same boot") }
        do { #expect(try ReadingJournal(path: path, bootID: "boot-b").integrityChecked, "after a power cut: a new boot") }
        do { #expect(try !ReadingJournal(path: path, bootID: "boot-b").integrityChecked) }
        do { #expect(try ReadingJournal(path: path).integrityChecked, "without a boot id, every opening checks") }
        #expect(try ReadingJournal(path: path, bootID: "boot-b").all().count == 10)
    }

    /// A card failing within a boot: damage met while the journal is in use makes the next opening check again
    /// (and set the file aside), as it did before the check was once per boot.
    @Test func damageMetInUseIsCheckedForAtTheNextOpening() throws {
        let path = JournalWritePathTests().tempPath()
        do {
            let j = try ReadingJournal(path: path, bootID: "boot-a")
            try j.record(readings(backlog, boot: "boot-a", firstSequence: 1, monoStart: 0), states: [])
        }
        // The WAL was checkpointed into the file when the journal closed: overwrite 40 pages in its middle.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: (size / 2) / 1024 * 1024)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 40 * 1024))
        try handle.close()
        do {
            let j = try ReadingJournal(path: path, bootID: "boot-a")
            #expect(!j.integrityChecked)
            #expect(throws: JournalError.self) { _ = try j.all() }
        }
        let reopened = try ReadingJournal(path: path, bootID: "boot-a")
        #expect(reopened.integrityChecked)
        #expect(reopened.recoveredFrom != nil, "the damaged file is set aside")
    }

    /// After a reboot the backlog is the earlier boot's: nothing in it can be restamped, and it is not read.
    @Test func aRestampAfterARebootReadsOnlyTheNewBootsRows() throws {
        let j = try ReadingJournal(path: JournalWritePathTests().tempPath())
        try j.record(readings(backlog, boot: "boot-old", firstSequence: 1, monoStart: 5_000_000_000), states: [])
        try j.record(readings(10, boot: "boot-new", firstSequence: backlog + 1, monoStart: 1_000_000_000, quality: .clockUnsynchronised), states: [])
        var changed = 0
        let cost = try work(j) {
            changed = try j.restamp(bootID: "boot-new", wall: wall(atMonotonic: 60_000_000_000, steppedBy: 3_600_000),
                                    atMonotonicNanoseconds: 60_000_000_000)
        }
        #expect(changed == 10, "the new boot's unsynchronised readings are restamped")
        #expect(cost.fullScans < 20, "only the schema's few rows are scanned (is the mark's table there?)")
        #expect(cost.steps < 3000, "VM steps: \(cost.steps) for \(backlog) rows of the earlier boot")
        let rows = try j.all().map(\.reading)
        #expect(rows.suffix(10).allSatisfy { $0.quality == .good && $0.time.milliseconds >= offset + 3_600_000 })
        #expect(rows.prefix(backlog).allSatisfy { $0.time.milliseconds < offset + 3_600_000 }, "the earlier boot's keep their times")
    }

    /// A restart in the same boot on the same clock offset reads only what came after the mark; a clock stepped
    /// while the gateway was down still restamps the whole boot.
    @Test func aRestartInTheSameBootReadsOnlyRowsAfterTheMark() throws {
        let j = try ReadingJournal(path: JournalWritePathTests().tempPath())
        try j.record(readings(backlog, boot: "boot", firstSequence: 1, monoStart: 0), states: [])
        let first = UInt64(backlog) * 100_000_000
        #expect(try j.restamp(bootID: "boot", wall: wall(atMonotonic: first), atMonotonicNanoseconds: first) == 0)
        // The run goes on with a trusted clock and confirms it; then 10 readings stamped while it was not trusted.
        try j.confirmClock(bootID: "boot", wall: wall(atMonotonic: first), atMonotonicNanoseconds: first)
        try j.record(readings(10, boot: "boot", firstSequence: backlog + 1, monoStart: first, quality: .clockUnsynchronised), states: [])
        let second = first + 10_000_000_000
        var changed = 0
        let cost = try work(j) {
            changed = try j.restamp(bootID: "boot", wall: wall(atMonotonic: second), atMonotonicNanoseconds: second)
        }
        #expect(changed == 10)
        #expect(cost.steps < 3000, "VM steps: \(cost.steps) for \(backlog) rows before the mark")
        // Stepped by an hour while the gateway was down: every unsent raw reading of the boot moves.
        let third = second + 10_000_000_000
        #expect(try j.restamp(bootID: "boot", wall: wall(atMonotonic: third, steppedBy: 3_600_000),
                              atMonotonicNanoseconds: third) == backlog + 10)
    }

    /// The mark only moves on for the boot and offset it was written with.
    @Test func aConfirmationOnAnotherOffsetDoesNotMoveTheMark() throws {
        let j = try ReadingJournal(path: JournalWritePathTests().tempPath())
        try j.record(readings(10, boot: "boot", firstSequence: 1, monoStart: 0), states: [])
        #expect(try j.restamp(bootID: "boot", wall: wall(atMonotonic: 1_000_000_000), atMonotonicNanoseconds: 1_000_000_000) == 0)
        try j.record(readings(10, boot: "boot", firstSequence: 11, monoStart: 1_000_000_000), states: [])
        try j.confirmClock(bootID: "boot", wall: wall(atMonotonic: 2_000_000_000, steppedBy: 2_000), atMonotonicNanoseconds: 2_000_000_000)
        try j.confirmClock(bootID: "other", wall: wall(atMonotonic: 2_000_000_000), atMonotonicNanoseconds: 2_000_000_000)
        #expect(try j.withConnection { (db) throws(JournalError) in try RestampMark.read(db)?.throughID } == 10)
    }

    /// A journal the gateway alone wrote has no row marked in place: the budget pass does not read the table
    /// looking for one. A row marked by older firmware is still pruned, after which the search stops again.
    @Test func theBudgetPassLooksForRowMarksOnlyWhenOneWasWritten() throws {
        let j = try ReadingJournal(path: JournalWritePathTests().tempPath(), markDelay: .zero)
        try j.record(readings(backlog, boot: "boot", firstSequence: 1, monoStart: 0), states: [])
        try j.markSent(Array(1...100), at: UnixTime(milliseconds: offset))
        let later = UnixTime(milliseconds: offset + 2 * 86_400_000)
        let budget = JournalBudget(bytes: 1 << 30)
        var outcome = BudgetOutcome(prunedSent: 0, dropped: 0, usedBytes: 0)
        let quiet = try work(j) { outcome = try j.enforce(budget, now: later) }
        #expect(outcome.prunedSent == 100)
        #expect(quiet.fullScans == 0, "full-scan steps: \(quiet.fullScans)")
        // A board rolled back to layout 1 marks rows in place.
        try j.withConnection { (db) throws(JournalError) in
            try db.execute("UPDATE reading SET sent_at_ms = \(offset) WHERE id BETWEEN 101 AND 150")
        }
        let search = try work(j) { outcome = try j.enforce(budget, now: later) }
        #expect(outcome.prunedSent == 50)
        #expect(search.fullScans > 0)
        #expect(try j.all().count == backlog - 150)
        let after = try work(j) { outcome = try j.enforce(budget, now: later) }
        #expect(outcome.prunedSent == 0)
        #expect(after.fullScans == 0)
    }
}
