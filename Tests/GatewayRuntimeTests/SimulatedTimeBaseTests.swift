import BoardIO
import GatewayCore
import Platform
import SimulatedBoard
import Synchronization
import Testing

/// The simulated clock of a fiscal-year run: time jumps, yet a pulse line's reader thread has counted every
/// edge due before the jump returns, so a counter read right after it is exact (and every run identical);
/// the ground truth charges time to the JST month and fiscal year it passed in, leap day included.
@Suite struct SimulatedTimeBaseTests {
    @Test func readersHaveTakenEveryDueEdgeWhenTheClockHasAdvanced() {
        let clock = SimulatedTimeBase(start: CivilTime.jstInstant(year: 2027, month: 4, day: 1))
        let profile = PulseProfile(pulsesPerSecond: 7, startNanoseconds: clock.nowNanoseconds() + 100_000_000,
                                   contactBounce: true)
        let source = SimulatedEdgeSource(line: GPIOLineAddress(chip: "gpiochip0", offset: 17), profile: profile,
                                         clock: clock, detect: .rising)
        let reader = EdgeCountingReader(source)
        var now = clock.nowNanoseconds()
        for step: UInt64 in [3_600_000_000_000, 1_000_000, 59_000_000_000, 86_400_000_000_000] {
            now += step
            clock.advance(to: now)
            // Three rising edges a pulse (the reed switch bounces): all of them, none later than now.
            #expect(reader.rises == 3 * profile.pulsesStarted(by: now))
        }
        reader.stop(clock: clock, after: now)
    }

    /// On a loaded machine a reader may need seconds of real time for the edges of a long jump (CI once took more
    /// than the two seconds `advance` used to wait, and the counter was read short); `advance` waits for it.
    @Test func aReaderSlowerThanTwoRealSecondsIsWaitedFor() {
        let clock = SimulatedTimeBase(start: CivilTime.jstInstant(year: 2027, month: 4, day: 1))
        let profile = PulseProfile(pulsesPerSecond: 2, startNanoseconds: clock.nowNanoseconds() + 100_000_000,
                                   contactBounce: false)
        let source = SimulatedEdgeSource(line: GPIOLineAddress(chip: "gpiochip0", offset: 18), profile: profile,
                                         clock: clock, detect: .rising)
        // Stands for a reader starved of the CPU: three real seconds before it has counted its edges.
        let reader = EdgeCountingReader(source, realNanosecondsPerBatch: 3_000_000_000)
        let now = clock.nowNanoseconds() + 60_000_000_000
        clock.advance(to: now)
        #expect(reader.rises == profile.pulsesStarted(by: now))
        reader.stop(clock: clock, after: now)
    }

    @Test func realtimeStepsLikeNTPWhileMonotonicGoesOn() {
        let start = CivilTime.jstInstant(year: 2028, month: 2, day: 29)
        let clock = SimulatedTimeBase(start: start)
        let mono = clock.nowNanoseconds()
        clock.advance(to: mono + 10_000_000_000)
        clock.stepRealtime(byMilliseconds: -3_600_000)
        #expect(clock.realtime().milliseconds == start.milliseconds + 10_000 - 3_600_000)
        #expect(clock.nowNanoseconds() == mono + 10_000_000_000)
    }

    @Test func groundTruthIsChargedToTheMonthAndFiscalYearItPassedIn() {
        let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)
        let channel = ChannelSpec(id: "inflow", driver: .pulseFlow(GPIOLineReference(role: "pulse-1", line: line),
                                                                   pulsesPerLitre: 0.1, debounceMilliseconds: 10),
                                  quantity: .volume, role: .inflow, unit: "m3", interval: Duration(60),
                                  simulation: SimulationProfile(pulsesPerSecond: 0.5))
        let site = Site(id: "s", kind: .rechargePaddy, municipality: "Kumamoto", location: nil, device: "gw",
                        board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: ["pulse-1": line]), topicPrefix: "sgw",
                        channels: [channel])
        let board = SimulatedBoard(site: site, clock: ManualClock())
        // 2028-02-28 12:00 JST for 36 hours: all in February (it has a 29th), then 2028-03-31 23:00 for 2 hours.
        board.passTime(from: CivilTime.jstInstant(year: 2028, month: 2, day: 28, hour: 12), nanoseconds: 36 * 3_600_000_000_000)
        board.passTime(from: CivilTime.jstInstant(year: 2028, month: 3, day: 31, hour: 23), nanoseconds: 2 * 3_600_000_000_000)
        func value(_ period: String) -> Double {
            let v = board.groundTruth.entries.first { $0.period == period }?.value ?? .nan
            // Sums of seconds × rate: equal to the last few bits.
            return (v * 1e6).rounded() / 1e6
        }
        // 0.5 pulses/s of 10 litres: 18 m³ an hour.
        #expect(value("2028-02") == 36 * 18)
        #expect(value("2028-03") == 18)
        #expect(value("2028-04") == 18)
        #expect(value("FY2027") == 37 * 18)
        #expect(value("FY2028") == 18)
    }
}

/// A pulse line's reader thread, as the gateway runs one: it waits for edges and counts them, taking
/// `realNanosecondsPerBatch` of real time over each batch it is handed.
private final class EdgeCountingReader {
    private let source: SimulatedEdgeSource
    private let counted = Locked(0)
    private let running = Atomic<Bool>(true)
    private let stopped = Atomic<Bool>(false)

    init(_ source: SimulatedEdgeSource, realNanosecondsPerBatch: Int64 = 0) {
        self.source = source
        let started = BoardThread.start { [self] in
            while self.running.load(ordering: .relaxed) {
                let events = (try? source.waitForEvents(timeoutMilliseconds: 1000)) ?? []
                if !events.isEmpty && realNanosecondsPerBatch > 0 { BoardThread.sleep(nanoseconds: realNanosecondsPerBatch) }
                self.counted.withLock { $0 += events.count }
            }
            // A reader that is done leaves the clock, so the last advance does not wait for it.
            source.close()
            self.stopped.store(true, ordering: .releasing)
        }
        #expect(started)
    }

    /// The rising edges counted so far.
    var rises: Int { counted.withLock { $0 } }

    /// Ends the reader: one more advance of `clock` past `now` wakes it to see it should stop.
    func stop(clock: SimulatedTimeBase, after now: UInt64) {
        running.store(false, ordering: .relaxed)
        clock.advance(to: now + 2_000_000_000)
        while !stopped.load(ordering: .acquiring) { BoardThread.sleep(nanoseconds: 1_000_000) }
        source.close()
    }
}
