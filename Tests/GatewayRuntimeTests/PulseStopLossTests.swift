import BoardIO
import BoardLog
import Foundation
import GatewayCore
import Journal
import Platform
import SimulatedBoard
import Synchronization
import Testing
@testable import GatewayRuntime

/// Issue 15: pulses counted since the last commit were lost when the gateway stopped. A clean stop now commits
/// a final tick after the reader threads drain, and a crash loses at most the pulses of the last second, because
/// the running pulse totals are checkpointed to the journal at most once a second while they change.
@Suite(.serialized) struct PulseStopLossTests {
    /// Time moves only when the test says; a wait on it really sleeps a millisecond, so the edge reader thread
    /// keeps draining what the test's time has made due without running the clock away.
    final class SteppedClock: SimulationClock, @unchecked Sendable {
        private let now = Locked<UInt64>(1_000_000_000)
        func nowNanoseconds() -> UInt64 { now.withLock { $0 } }
        func advance(seconds: Double) { now.withLock { $0 += UInt64((seconds * 1e9).rounded()) } }
        func sleep(nanoseconds: UInt64) { BoardThread.sleep(nanoseconds: 1_000_000) }
    }

    static let debounce = 0.010
    static let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)

    /// One water meter of one pulse a litre at two pulses a second, published every minute in litres, so a
    /// channel's sum is its pulse count.
    static let site: Site = {
        let channel = ChannelSpec(id: "inflow", driver: .pulseFlow(GPIOLineReference(role: "pulse-1", line: line),
                                                                   pulsesPerLitre: 1, debounceMilliseconds: debounce * 1000),
                                  quantity: .volume, role: .inflow, unit: "L", interval: Duration(60),
                                  simulation: SimulationProfile(pulsesPerSecond: 2))
        return Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                    board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: ["pulse-1": line]), topicPrefix: "sgw",
                    channels: [channel])
    }()

    struct Gateway {
        let clock: SteppedClock
        let board: SimulatedBoard
        let samplers: [ChannelSampler]
        let loop: SamplingLoop
        /// Pulses the meter has really given by now, as a counter with this debounce confirms them.
        var truePulses: Int {
            board.pulseProfiles[PulseStopLossTests.line]!
                .pulsesStarted(by: clock.nowNanoseconds() - UInt64(PulseStopLossTests.debounce * 1e9))
        }
    }

    func start(_ journal: ReadingJournal) throws -> Gateway {
        let clock = SteppedClock()
        let board = SimulatedBoard(site: Self.site, clock: clock)
        let log = Logger(label: "t", threshold: .critical)
        let calibrations = try LiveCalibrations(directory: nil, log: log)
        let states = try journal.channelStates()
        let samplers = try SamplerFactory(site: Self.site, hardware: BoardHardware(i2c: board, gpio: board, clock: clock),
                                          calibrations: calibrations, log: log).makeSamplers(states: states)
        let loop = SamplingLoop(site: Self.site, samplers: samplers, derivations: [], calibrations: calibrations,
                                journal: journal, states: states, log: log,
                                wallClock: { UnixTime(milliseconds: 1_790_000_000_000) },
                                monotonicNanoseconds: { clock.nowNanoseconds() })
        return Gateway(clock: clock, board: board, samplers: samplers, loop: loop)
    }

    /// Lets the reader thread catch up with the time the test has moved on to: it wakes every millisecond and
    /// takes every edge that time has made due in one wait.
    func drained(_ gateway: Gateway) {
        BoardThread.sleep(nanoseconds: 150_000_000)
    }

    func journalAt() throws -> ReadingJournal {
        let dir = NSTemporaryDirectory() + "pulse-stop-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try ReadingJournal(path: dir + "/journal.sqlite")
    }

    func inflow(_ journal: ReadingJournal) throws -> [Reading] {
        try journal.all().map(\.reading).filter { $0.key.channel == "inflow" }
    }

    @Test func aCleanStopCommitsThePulsesSinceTheLastTick() throws {
        let journal = try journalAt()
        let gateway = try start(journal)
        gateway.clock.advance(seconds: 60)
        drained(gateway)
        #expect(gateway.loop.tick(now: gateway.clock.nowNanoseconds()))
        let atTick = try inflow(journal).last?.sum?.value ?? 0
        // Half a minute of metering after the last interval tick, then SIGTERM.
        gateway.clock.advance(seconds: 30.3)
        let stop = Atomic<Bool>(true)
        gateway.loop.run(until: stop)
        gateway.samplers.forEach { $0.close() }

        let readings = try inflow(journal)
        let published = readings.compactMap(\.value?.value).reduce(0, +)
        #expect(published == Double(gateway.truePulses), "published \(published) of \(gateway.truePulses) pulses")
        #expect(readings.last?.sum?.value == Double(gateway.truePulses))
        #expect(Double(gateway.truePulses) - atTick > 50, "the test needs pulses between the last tick and the stop")
    }

    @Test func aCrashLosesAtMostTheLastSecondOfPulses() throws {
        let journal = try journalAt()
        let first = try start(journal)
        first.clock.advance(seconds: 60)
        drained(first)
        #expect(first.loop.tick(now: first.clock.nowNanoseconds()))
        let publishedBeforeCrash = try inflow(journal).last?.sum?.value ?? 0
        // Twenty seconds on, between two publishing ticks: the loop passes (it wakes at least once a second).
        first.clock.advance(seconds: 20)
        drained(first)
        #expect(first.loop.tick(now: first.clock.nowNanoseconds()) == false)
        // Just under a second more, then kill -9: no stop, no final commit.
        first.clock.advance(seconds: 0.9)
        drained(first)
        let counted = first.truePulses
        first.samplers.forEach { $0.close() }

        let second = try start(journal)
        second.clock.advance(seconds: 60)
        drained(second)
        #expect(second.loop.tick(now: second.clock.nowNanoseconds()))
        second.samplers.forEach { $0.close() }

        let readings = try inflow(journal)
        #expect(readings.count == 2)
        let after = readings.last!
        let continued = (after.sum?.value ?? 0) - Double(second.truePulses)
        let lost = Double(counted) - continued
        #expect(lost >= 0 && lost <= 2, "lost \(lost) pulses (\(counted) counted, total continued from \(continued))")
        // The increment after the restart covers everything since the last published reading.
        #expect(after.value?.value == (after.sum?.value ?? 0) - publishedBeforeCrash)
    }
}
