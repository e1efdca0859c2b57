import BoardIO
import GatewayCore
import SensorDrivers
import SimulatedBoard
import Testing

/// The simulated recharge paddy through a scripted season (`PaddySeason`, `PaddyPond`,
/// `SimulatedBoard.setPaddySeason`/`followPaddy`): the calendar (onset, the drained interruption, the end, a
/// leap year), how the water fills and drains (read through the level loop and counted off the meters as the
/// gateway does), and the ground truth against the flows integrated.
///
/// The paddy is the example site's: 1.2 ha, 4 mm/d evaporation, ponded 8 cm on a 0–0.5 m transmitter, intake
/// 0.5 pulses/s and outlet 0.1 pulses/s at 10 l a pulse. One ADC step is 26 µm of depth, 0.31 m³ of the pond.
@Suite struct PaddySeasonTests {
    static let sensors = "/dev/i2c-1"
    static let levelDevice = I2CDeviceAddress(busRole: "sensors", busPath: sensors, address: 0x48)
    static let inLine = GPIOLineAddress(chip: "gpiochip0", offset: 17)
    static let outLine = GPIOLineAddress(chip: "gpiochip0", offset: 27)
    static let area = 12_000.0
    static let target = 0.08
    /// One ADS1115 step of the 0–0.5 m loop across 150 Ω, in metres, and in m³ of the pond.
    static let depthStep = 0.5 / 16 * (4.096 / 32_768 / 150 * 1000)
    static let volumeStep = depthStep * area

    static func meter(_ id: ChannelID, _ line: GPIOLineAddress, _ role: ChannelRole, _ rate: Double) -> ChannelSpec {
        ChannelSpec(id: id, driver: .pulseFlow(GPIOLineReference(role: id.rawValue, line: line), pulsesPerLitre: 0.1,
                                               debounceMilliseconds: 10),
                    quantity: .volume, role: role, unit: "m3", interval: Duration(15), simulation: .init(pulsesPerSecond: rate))
    }

    static let site = Site(
        id: "test-paddy", kind: .rechargePaddy, municipality: "Kumamoto", location: nil, device: "test-paddy-gw1",
        board: BoardDefinition(name: "test-board", i2cBuses: ["sensors": sensors], gpioLines: ["inflow": inLine, "outflow": outLine]),
        topicPrefix: "sgw",
        channels: [
            meter("inflow", inLine, .inflow, 0.5),
            meter("outflow", outLine, .outflow, 0.1),
            ChannelSpec(id: "paddy-level", driver: .ads1115(levelDevice, input: .ain0, fullScaleVolts: 4.096, samplesPerSecond: 128,
                                                            shunt: Ohms(150), scaling: LoopScaling(lowerRangeValue: 0, upperRangeValue: 0.5)),
                        quantity: .waterLevel, role: .paddyLevel, unit: "m", interval: Duration(60), simulation: .init(value: target)),
        ],
        recharge: PaddyRechargeSettings(area: SquareMetres(area), evaporationPerDay: Millimetres(4), minimumFloodedDepth: Metres(0.02)))

    static func jst(_ month: Int, _ day: Int, _ hour: Int = 0, year: Int = 2027) -> UnixTime {
        CivilTime.jstInstant(year: year, month: month, day: day, hour: hour)
    }

    static func hours(_ h: Double, after t: UnixTime) -> UnixTime { UnixTime(milliseconds: t.milliseconds + Int64(h * 3_600_000)) }

    /// Kumamoto's season as the fiscal-year run scripts it: 112 days from 15 June with a 16-day interruption.
    static let kumamoto = PaddySeason(flooded: .init(from: jst(6, 15), to: jst(10, 5)), drained: [.init(from: jst(7, 25), to: jst(8, 10))])

    /// A board run from `start` on a manual clock, stopping at the pond's changes and every `step` as the
    /// gateway's simulated clock does; each stop reads the level loop and counts both meters' pulses.
    final class Run {
        let clock = ManualClock()
        let board: SimulatedBoard
        private(set) var time: UnixTime
        private var meters: [(source: EdgeEventSource, counter: PulseCounter)] = []
        /// Counting the meters plays every pulse; the calendar alone does without.
        init(season: PaddySeason, start: UnixTime, countMeters: Bool = true) throws {
            board = SimulatedBoard(site: PaddySeasonTests.site, clock: clock, instantConversions: true)
            time = start
            board.setPaddySeason(season)
            board.followPaddy(at: start)
            guard countMeters else { return }
            for line in [PaddySeasonTests.inLine, PaddySeasonTests.outLine] {
                let source = try board.requestEdges(line, detect: .both, activeLow: false, bias: .pullUp, consumer: "test")
                meters.append((source, PulseCounter(debounce: Duration(0.010))))
            }
        }

        /// Volumes counted so far through the intake and the outlet, in m³.
        var inflow: Double { Double(meters[0].counter.total) / 100 }
        var outflow: Double { Double(meters[1].counter.total) / 100 }

        func depth() throws -> Double {
            let loop = try LoopCurrentInput(bus: board.openBus(PaddySeasonTests.sensors), address: 0x48, input: .ain0,
                                        fullScaleVolts: 4.096, samplesPerSecond: 128, shunt: Ohms(150))
            return (try loop.measure().value - 4) / 16 * 0.5
        }

        func truth(_ channel: String, _ period: String = "FY2027") -> GroundTruth.Entry? {
            board.groundTruth.entries.first { $0.channel == channel && $0.period == period }
        }

        func run(to end: UnixTime, stepSeconds: Int64, observe: (UnixTime) throws -> Void = { _ in }) throws {
            while time.milliseconds < end.milliseconds {
                var next = min(time.milliseconds + stepSeconds * 1000, end.milliseconds)
                if let change = board.pond?.changes.first(where: { $0.milliseconds > time.milliseconds }) {
                    next = min(next, change.milliseconds)
                }
                let nanoseconds = UInt64(next - time.milliseconds) * 1_000_000
                // The meters' edges up to the stop are taken before the board changes what they play, as the
                // simulated clock lets its readers take theirs before it tells the board the time has passed.
                clock.advance(byNanoseconds: nanoseconds)
                for i in meters.indices {
                    meters[i].counter.record(try meters[i].source.waitForEvents(timeoutMilliseconds: 0))
                    meters[i].counter.settle(now: clock.nowNanoseconds())
                }
                board.passTime(from: time, nanoseconds: nanoseconds)
                time = UnixTime(milliseconds: next)
                try observe(time)
            }
        }
    }

    @Test func kumamotoSeasonFloodsOnItsDaysAndDrainsOverHours() throws {
        let pond = try #require(try Run(season: Self.kumamoto, start: Self.jst(4, 1), countMeters: false).board.pond)
        #expect(pond.season.floodedSpans == [.init(from: Self.jst(6, 15), to: Self.jst(7, 25)), .init(from: Self.jst(8, 10), to: Self.jst(10, 5))])
        // Onset: dry until midnight of 15 June, then filling from the intake, ponded within hours.
        #expect(pond.depthMetres(at: Self.jst(6, 14, 23)) == 0)
        #expect(pond.depthMetres(at: Self.jst(6, 15)) == 0)
        #expect(pond.stretch(at: Self.jst(6, 15)).phase == .filling)
        let firstHour = pond.depthMetres(at: Self.jst(6, 15, 1))
        #expect(firstHour > 0.02 && firstHour < Self.target, "an hour into the flood the pond is \(firstHour) m")
        #expect(pond.depthMetres(at: Self.jst(6, 15, 6)) == Self.target)
        // The interruption: still ponded the evening before, draining over hours from midnight, dry in it.
        #expect(pond.depthMetres(at: Self.jst(7, 24, 23)) == Self.target)
        let draining = pond.depthMetres(at: Self.jst(7, 25, 1))
        #expect(draining > 0 && draining < Self.target, "an hour into the drain the pond is \(draining) m")
        #expect(pond.stretch(at: Self.jst(7, 25, 1)).phase == .draining)
        #expect(pond.depthMetres(at: Self.jst(7, 26)) == 0 && pond.depthMetres(at: Self.jst(8, 9, 23)) == 0)
        #expect(pond.depthMetres(at: Self.jst(8, 10)) == 0 && pond.depthMetres(at: Self.jst(8, 11)) == Self.target)
        // The end: ponded until 5 October, draining from then, dry after it.
        #expect(pond.depthMetres(at: Self.jst(10, 4, 23)) == Self.target)
        #expect(pond.stretch(at: Self.jst(10, 5, 1)).phase == .draining)
        #expect(pond.depthMetres(at: Self.jst(10, 6)) == 0 && pond.stretch(at: Self.jst(12, 1)).phase == .dry)
        // Never below zero nor above the target, every ten minutes of the season and a day either side.
        var t = Self.jst(6, 14)
        while t.milliseconds < Self.jst(10, 6).milliseconds {
            let depth = pond.depthMetres(at: t)
            #expect(depth >= 0 && depth <= Self.target, "\(depth) m at \(t)")
            t = Self.hours(1.0 / 6, after: t)
        }
    }

    @Test func groundTruthCountsTheSeasonsFloodedDaysAcrossALeapDay() throws {
        let kumamoto = try Run(season: Self.kumamoto, start: Self.jst(4, 1), countMeters: false)
        try kumamoto.run(to: Self.jst(4, 1, year: 2028), stepSeconds: 86_400)
        #expect(abs((kumamoto.truth(GroundTruth.floodedChannel)?.value ?? 0) - 96) < 1e-6)
        // Flooded from 1 February to 2 March 2028: 29 days of February (the leap day) and one of March.
        let leap = PaddySeason(flooded: .init(from: Self.jst(2, 1, year: 2028), to: Self.jst(3, 2, year: 2028)))
        let run = try Run(season: leap, start: Self.jst(1, 1, year: 2028), countMeters: false)
        try run.run(to: Self.jst(3, 10, year: 2028), stepSeconds: 86_400)
        #expect(abs((run.truth(GroundTruth.floodedChannel, "2028-02")?.value ?? 0) - 29) < 1e-6)
        #expect(abs((run.truth(GroundTruth.floodedChannel, "FY2027")?.value ?? 0) - 30) < 1e-6)
        #expect(try #require(run.board.pond).depthMetres(at: Self.jst(2, 29, 12, year: 2028)) == Self.target)
        // The level's truth is the pond's: ponded most of February, dry in January.
        #expect(run.truth("paddy-level", "2028-01")?.value == 0)
        #expect(abs((run.truth("paddy-level", "2028-02")?.value ?? 0) - Self.target) < 0.001)
    }

    /// The level rises with the water let in less what evaporates and percolates, never ahead of it, up to the
    /// target; nothing runs and nothing stands before the flood.
    @Test func fillRisesWithTheWaterLetIn() throws {
        let season = PaddySeason(flooded: .init(from: Self.jst(6, 15), to: Self.jst(6, 16)))
        let run = try Run(season: season, start: Self.hours(-1, after: Self.jst(6, 15)))
        var last = 0.0
        var reached: UnixTime?
        var outflowWhileFilling = 0.0
        try run.run(to: Self.jst(6, 15, 6), stepSeconds: 600) { t in
            let depth = try run.depth()
            #expect(depth >= -Self.depthStep && depth <= Self.target + Self.depthStep, "\(depth) m at \(t)")
            #expect(depth >= last - Self.depthStep, "the level fell while filling: \(last) → \(depth) m at \(t)")
            last = depth
            let lost = (run.truth(GroundTruth.evaporationChannel)?.value ?? 0) + (run.truth(GroundTruth.percolationChannel)?.value ?? 0)
            let stored = run.inflow - run.outflow - lost
            #expect(abs(depth * Self.area - stored) <= Self.volumeStep + 0.05,
                    "at \(t) the pond holds \(depth * Self.area) m³ of \(stored) m³ let in and kept")
            if t.milliseconds <= Self.jst(6, 15).milliseconds { #expect(run.inflow == 0 && abs(depth) <= Self.depthStep) }
            if reached == nil && abs(depth - Self.target) <= Self.depthStep { (reached, outflowWhileFilling) = (t, run.outflow) }
        }
        let filled = try #require(reached, "the pond never reached its target depth")
        #expect(filled.milliseconds - Self.jst(6, 15).milliseconds <= 4 * 3_600_000)
        #expect(run.inflow > Self.area * Self.target, "the fill let in \(run.inflow) m³")
        #expect(outflowWhileFilling < 0.05, "the outlet ran before the weir's crest was reached")
    }

    /// The drain lets the pond out through the outlet over hours, down to zero and never below; the intake is
    /// shut.
    @Test func drainLetsThePondOutThroughTheOutlet() throws {
        let season = PaddySeason(flooded: .init(from: Self.jst(6, 15), to: Self.jst(6, 16)))
        let run = try Run(season: season, start: Self.jst(6, 15, 20))
        try run.run(to: Self.jst(6, 16), stepSeconds: 3600)
        let (inflowBefore, outflowBefore) = (run.inflow, run.outflow)
        let lostBefore = (run.truth(GroundTruth.evaporationChannel)?.value ?? 0) + (run.truth(GroundTruth.percolationChannel)?.value ?? 0)
        #expect(abs(try run.depth() - Self.target) <= Self.depthStep)
        var last = Self.target
        var dryAt: UnixTime?
        try run.run(to: Self.jst(6, 16, 8), stepSeconds: 600) { t in
            let depth = try run.depth()
            #expect(depth >= -Self.depthStep && depth <= last + Self.depthStep, "\(depth) m at \(t) after \(last) m")
            last = depth
            if dryAt == nil && abs(depth) <= Self.depthStep { dryAt = t }
        }
        let dry = try #require(dryAt, "the pond never drained")
        let hours = Double(dry.milliseconds - Self.jst(6, 16).milliseconds) / 3_600_000
        #expect(hours >= 2 && hours <= 4, "the drain took \(hours) h")
        #expect(run.inflow - inflowBefore <= 0.02, "the intake ran while draining")
        let lost = (run.truth(GroundTruth.evaporationChannel)?.value ?? 0) + (run.truth(GroundTruth.percolationChannel)?.value ?? 0) - lostBefore
        let drained = run.outflow - outflowBefore
        #expect(abs(drained + lost - Self.area * Self.target) <= Self.volumeStep + 0.05,
                "\(drained) m³ out and \(lost) m³ lost of a pond of \(Self.area * Self.target) m³")
        #expect(drained > 0.9 * Self.area * Self.target)
    }

    /// The ground truth is the flows integrated: the meters' counts within a pulse or two a stretch, the
    /// pond's balance closed (in − out − evaporation − percolation = change in storage), and the level's mean
    /// that of the level read.
    @Test func groundTruthEqualsTheIntegratedFlows() throws {
        let season = PaddySeason(flooded: .init(from: Self.jst(6, 15), to: Self.jst(6, 17)), drained: [.init(from: Self.jst(6, 16), to: Self.jst(6, 16, 12))])
        let start = Self.jst(6, 14, 12)
        let run = try Run(season: season, start: start)
        var levelSeconds = 0.0, previous = (time: start, depth: try run.depth())
        try run.run(to: Self.jst(6, 18), stepSeconds: 900) { t in
            let depth = try run.depth()
            levelSeconds += (previous.depth + depth) / 2 * Double(t.milliseconds - previous.time.milliseconds) / 1000
            previous = (t, depth)
        }
        let stretches = try #require(run.board.pond).changes.count
        let inflow = try #require(run.truth("inflow")).value, outflow = try #require(run.truth("outflow")).value
        #expect(abs(inflow - run.inflow) <= 0.01 * Double(2 * stretches), "truth \(inflow) m³ in, counted \(run.inflow) m³")
        #expect(abs(outflow - run.outflow) <= 0.01 * Double(2 * stretches), "truth \(outflow) m³ out, counted \(run.outflow) m³")
        let evaporation = try #require(run.truth(GroundTruth.evaporationChannel)).value
        let percolation = try #require(run.truth(GroundTruth.percolationChannel)).value
        #expect(evaporation > 0 && percolation > 0)
        // Dry at both ends: everything let in left by the outlet, the air or the ground.
        #expect(abs(inflow - outflow - evaporation - percolation) <= 1e-6 * inflow,
                "in \(inflow), out \(outflow), evaporation \(evaporation), percolation \(percolation) m³")
        let level = try #require(run.truth("paddy-level"))
        #expect(abs(level.value - levelSeconds / level.seconds) <= Self.depthStep)
    }
}
