import BoardLog
import Foundation
import GatewayCore
import Journal
import Testing
@testable import GatewayRuntime

/// Issue 15: totalizers were read every interval from whenever the gateway started, so an increment read just
/// after a fiscal-year edge mixed both years. They are now read on wall-clock multiples of their interval.
@Suite struct AlignedTotalizerSamplingTests {
    final class CountingMeter: ChannelSampler {
        let spec: ChannelSpec
        var pulses: UInt64 = 0
        init(_ spec: ChannelSpec) { self.spec = spec }
        func sample() -> ChannelSample {
            pulses += 30
            return .total(increment: MeasuredValue(30, "L"), total: MeasuredValue(Double(pulses), "L"), pulseTotal: pulses,
                          calibrationID: nil)
        }
        func close() {}
    }

    final class Clocks: @unchecked Sendable {
        var wall: UnixTime
        var monotonic: UInt64 = 7_000_000_000
        init(wall: UnixTime) { self.wall = wall }
        func run(to monotonicTarget: UInt64) {
            wall = UnixTime(milliseconds: wall.milliseconds + Int64((monotonicTarget - monotonic) / 1_000_000))
            monotonic = monotonicTarget
        }
    }

    static let fiscalYearEdge = CivilTime.jstInstant(year: 2027, month: 4, day: 1)

    /// A new journal and a loop reading one water meter every `intervalSeconds` on the test's clocks.
    func meterLoop(intervalSeconds: Double, clocks: Clocks) throws -> (ReadingJournal, SamplingLoop) {
        let dir = NSTemporaryDirectory() + "aligned-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)
        let spec = ChannelSpec(id: "inflow", driver: .pulseFlow(GPIOLineReference(role: "pulse-1", line: line),
                                                                pulsesPerLitre: 1, debounceMilliseconds: 10),
                               quantity: .volume, role: .inflow, unit: "L", interval: Duration(intervalSeconds))
        let site = Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                        board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: ["pulse-1": line]), topicPrefix: "sgw",
                        channels: [spec])
        let log = Logger(label: "t", threshold: .critical)
        let loop = SamplingLoop(site: site, samplers: [CountingMeter(spec)], derivations: [],
                                calibrations: try LiveCalibrations(directory: nil, log: log),
                                journal: journal, states: [], log: log,
                                wallClock: { clocks.wall }, monotonicNanoseconds: { clocks.monotonic })
        return (journal, loop)
    }

    @Test(arguments: [30.0, 60.0, 7.0])
    func theFiscalYearEdgeIsASamplingInstant(intervalSeconds: Double) throws {
        // The gateway starts 12.7 s plus a few intervals before the fiscal year ends.
        let clocks = Clocks(wall: Self.fiscalYearEdge.adding(seconds: -(12.7 + 3 * intervalSeconds)))
        let (journal, loop) = try meterLoop(intervalSeconds: intervalSeconds, clocks: clocks)
        for _ in 0..<6 {
            let due = try #require(loop.nextDueNanoseconds.first)
            // The loop wakes a couple of milliseconds late, as a real one does.
            clocks.run(to: due + 2_000_000)
            #expect(loop.tick(now: clocks.monotonic))
        }
        let times = try journal.all().map(\.reading.time)
        #expect(times.count == 6)
        let interval = Int64(intervalSeconds * 1000)
        for t in times {
            // Instants count from JST midnight (for a 7 s interval, the day's last one is 6 s long).
            let intoDay = (t.milliseconds + Int64(CivilTime.jstOffsetSeconds) * 1000) % 86_400_000
            #expect(intoDay % interval == 2, "read 2 ms after a wall-clock multiple of the interval: \(t)")
        }
        #expect(times.contains(Self.fiscalYearEdge.adding(seconds: 0.002)))
        // The increment read at the edge covers the year's last interval: it belongs to FY2026.
        let atEdge = AlignedSampling.attributionInstant(readAt: Self.fiscalYearEdge.adding(seconds: 0.002), intervalMilliseconds: interval)
        #expect(FiscalYear(containing: atEdge) == FiscalYear(2026))
    }

    /// NTP steps the clock between two readings: the next reading is on the new clock's instants, not the old.
    @Test func aStepMovesTheInstantsWithTheClock() throws {
        let clocks = Clocks(wall: CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12).adding(seconds: 1))
        let (journal, loop) = try meterLoop(intervalSeconds: 30, clocks: clocks)
        clocks.run(to: try #require(loop.nextDueNanoseconds.first))
        #expect(loop.tick(now: clocks.monotonic))
        // 10 s later the clock is stepped back by 12.345 s; the loop sees it on its next pass.
        clocks.run(to: clocks.monotonic + 10_000_000_000)
        clocks.wall = clocks.wall.adding(seconds: -12.345)
        #expect(!loop.tick(now: clocks.monotonic))
        clocks.run(to: try #require(loop.nextDueNanoseconds.first))
        #expect(loop.tick(now: clocks.monotonic))
        let times = try journal.all().map(\.reading.time)
        #expect(times.count == 2)
        #expect(times.allSatisfy { ($0.milliseconds + Int64(CivilTime.jstOffsetSeconds) * 1000) % 30_000 == 0 }, "\(times)")
    }

    /// NTP steps the clock forward just as a reading falls due (issue 15's fiscal-year run: a three-hour error
    /// corrected at a sampling instant). The due reading was once re-aligned to the new clock's next instant and
    /// skipped, so the next one carried two intervals' energy into one demand window: the year's peak demand
    /// doubled. The reading due is taken now; only the ones after it follow the new clock.
    @Test func aStepAtADueInstantDoesNotSkipTheReading() throws {
        let clocks = Clocks(wall: CivilTime.jstInstant(year: 2027, month: 6, day: 12, hour: 5, minute: 59))
        let (journal, loop) = try meterLoop(intervalSeconds: 1800, clocks: clocks)
        #expect(!loop.tick(now: clocks.monotonic), "nothing due yet; the loop has seen the clocks")
        clocks.run(to: try #require(loop.nextDueNanoseconds.first))
        #expect(clocks.wall == CivilTime.jstInstant(year: 2027, month: 6, day: 12, hour: 6))
        clocks.wall = clocks.wall.adding(seconds: 3 * 3600)
        #expect(loop.tick(now: clocks.monotonic), "the reading due when the clock was stepped is taken")
        clocks.run(to: try #require(loop.nextDueNanoseconds.first))
        #expect(loop.tick(now: clocks.monotonic))
        let times = try journal.all().map(\.reading.time)
        #expect(times == [CivilTime.jstInstant(year: 2027, month: 6, day: 12, hour: 9),
                          CivilTime.jstInstant(year: 2027, month: 6, day: 12, hour: 9, minute: 30)])
    }
}
