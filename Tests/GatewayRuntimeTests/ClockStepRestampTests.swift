import BoardLog
import Foundation
import GatewayCore
@testable import Journal
import Testing
@testable import GatewayRuntime

/// Issue 15: readings were stamped good whenever the clock read after 2020, and a step of the clock (NTP after
/// a fake-hwclock boot) left the readings not yet published on the wrong side of a window or fiscal year. The
/// kernel's STA_UNSYNC now decides, and a step restamps what is still in the journal from its monotonic time.
@Suite struct ClockStepRestampTests {
    /// The kernel's answer, as the test sets it.
    final class KernelAnswer: ClockSynchronisationSource, @unchecked Sendable {
        var synchronised: Bool
        init(_ synchronised: Bool) { self.synchronised = synchronised }
        func isSynchronised() -> Bool { synchronised }
    }

    final class Clocks: @unchecked Sendable {
        /// fake-hwclock restored the last shutdown time: plausible, but three days behind.
        var wall = CivilTime.jstInstant(year: 2026, month: 11, day: 19, hour: 12)
        var monotonic: UInt64 = 1_000_000_000
        func pass(seconds: Double) {
            monotonic += UInt64(seconds * 1e9)
            wall = wall.adding(seconds: seconds)
        }
    }

    struct Rig {
        let journal: ReadingJournal
        let loop: SamplingLoop
        let clocks: Clocks
        let kernel: KernelAnswer
    }

    func rig(kernelSynchronised: Bool) throws -> Rig {
        let (journal, site, spec) = try ClockSynchronisationTests.thermometerSite()
        let clocks = Clocks()
        let kernel = KernelAnswer(kernelSynchronised)
        let log = Logger(label: "t", threshold: .critical)
        let loop = SamplingLoop(site: site, samplers: [ClockSynchronisationTests.FixedSampler(spec)], derivations: [],
                                calibrations: try LiveCalibrations(directory: nil, log: log),
                                journal: journal, states: [], log: log,
                                wallClock: { clocks.wall }, monotonicNanoseconds: { clocks.monotonic },
                                clockSource: kernel)
        loop.bootID = "boot-1"
        return Rig(journal: journal, loop: loop, clocks: clocks, kernel: kernel)
    }

    @Test func aPlausibleClockTheKernelCallsUnsynchronisedIsNotGood() throws {
        let r = try rig(kernelSynchronised: false)
        for _ in 0..<3 {
            r.clocks.pass(seconds: 10)
            r.loop.tick(now: r.clocks.monotonic)
        }
        let readings = try r.journal.all().map(\.reading)
        #expect(readings.count == 3)
        #expect(readings.allSatisfy { $0.quality == .clockUnsynchronised })
        #expect(!r.loop.clockTrusted)
        // NTP steps the clock three days forward and clears STA_UNSYNC: the readings are restamped and good.
        r.clocks.monotonic += 10_000_000_000
        r.clocks.wall = CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12)
        r.kernel.synchronised = true
        r.loop.tick(now: r.clocks.monotonic)
        let after = try r.journal.all().map(\.reading)
        let now = r.clocks.wall
        #expect(after.map(\.time) == [now.adding(seconds: -30), now.adding(seconds: -20), now.adding(seconds: -10), now])
        #expect(after.allSatisfy { $0.quality == .good })
    }

    /// A step of either sign while the kernel says synchronised moves every reading not yet published by the
    /// step; a reading already published keeps the time it went out with.
    @Test(arguments: [3600.0, -3600.0, -2.0])
    func aStepRestampsThePendingReadings(stepSeconds: Double) throws {
        let r = try rig(kernelSynchronised: true)
        for _ in 0..<3 {
            r.clocks.pass(seconds: 10)
            r.loop.tick(now: r.clocks.monotonic)
        }
        let before = try r.journal.all()
        #expect(before.allSatisfy { $0.reading.quality == .good })
        try r.journal.markSent([before[0].rowID], at: r.clocks.wall)
        r.clocks.pass(seconds: 10)
        r.clocks.wall = r.clocks.wall.adding(seconds: stepSeconds)
        r.loop.tick(now: r.clocks.monotonic)
        let after = try r.journal.all().map(\.reading)
        #expect(after.count == 4)
        #expect(after[0].time == before[0].reading.time, "already published: kept as sent")
        for i in 1..<3 {
            #expect(after[i].time == before[i].reading.time.adding(seconds: stepSeconds))
        }
        #expect(after[3].time == r.clocks.wall)
        #expect(after.allSatisfy { $0.quality == .good })
    }

    /// Issue 11 item 7: the running gateway confirms the clock to the journal once a minute while it stays trusted,
    /// so a restart in the same boot restamps only what came after (`RestampMark`); while the clock is not
    /// trusted nothing is confirmed, until the restamp that trust brings back.
    @Test func aTrustedClockIsConfirmedEveryMinuteAndAnUntrustedSpellIsNot() throws {
        let r = try rig(kernelSynchronised: true)
        func through() throws -> Int64? {
            try r.journal.withConnection { (db) throws(JournalError) -> Int64? in try RestampMark.read(db)?.throughID }
        }
        for _ in 0..<6 {
            r.clocks.pass(seconds: 10)
            r.loop.tick(now: r.clocks.monotonic)
        }
        let confirmed = try r.journal.lastRowID()
        #expect(confirmed > 0)
        #expect(try through() == confirmed, "confirmed after a minute")
        r.kernel.synchronised = false
        for _ in 0..<7 {
            r.clocks.pass(seconds: 10)
            r.loop.tick(now: r.clocks.monotonic)
        }
        #expect(try r.journal.lastRowID() > confirmed)
        #expect(try through() == confirmed, "readings stamped untrusted are never confirmed")
        r.kernel.synchronised = true
        r.clocks.pass(seconds: 10)
        r.loop.tick(now: r.clocks.monotonic)
        #expect(try through() == r.journal.lastRowID())
        #expect(try r.journal.all().allSatisfy { $0.reading.quality == .good })
    }

    /// A restart in the same boot looks at a trusted clock for the first time: the backlog is restamped only where
    /// a reading really moves, never rewritten for a millisecond of rounding (every rewrite is card wear).
    @Test func anUnmovedBacklogIsNotRewritten() throws {
        let r = try rig(kernelSynchronised: true)
        for _ in 0..<3 {
            r.clocks.pass(seconds: 10.0004)
            r.loop.tick(now: r.clocks.monotonic)
        }
        #expect(try r.journal.restamp(bootID: "boot-1", wall: r.clocks.wall, atMonotonicNanoseconds: r.clocks.monotonic) == 0)
    }
}
