import GatewayCore
import Testing

@Suite struct PaddyFloodingTests {
    @Test func areaTimesSeepageTimesDays() throws {
        // Kumamoto R4: 530.8 ha·months flooded → 15.92 million m³, which is 30-day months at 10 cm/day.
        let estimate = try PaddyFloodingEstimate(area: Hectares(530.8).squareMetres, seepage: MillimetresPerDay(100))
            .estimate(floodedDays: 30)
        let volume = try #require(estimate.volume)
        #expect(approximately(volume.value / 1_000_000, 15.92, within: 0.005))
        #expect(approximately(volume.manCubicMetres, 1592.4, within: 0.05))
        #expect(estimate.method == .paddyFlooding)
        #expect(estimate.parameter("area") == .measured(MeasuredValue(5_308_000, "m2")))
        #expect(estimate.parameter("seepage") == .measured(MeasuredValue(100, "mm/d")))
        #expect(estimate.parameter("flooded-days") == .count(30))
    }

    @Test func rejectsNonsenseInputs() {
        #expect(throws: PaddyFloodingEstimate.InvalidInput.self) {
            try PaddyFloodingEstimate(area: SquareMetres(0), seepage: MillimetresPerDay(50)).estimate(floodedDays: 3)
        }
        #expect(throws: PaddyFloodingEstimate.InvalidInput.self) {
            try PaddyFloodingEstimate(area: SquareMetres(100), seepage: MillimetresPerDay(-1)).estimate(floodedDays: 3)
        }
        #expect(throws: PaddyFloodingEstimate.InvalidInput.self) {
            try PaddyFloodingEstimate(area: SquareMetres(100), seepage: MillimetresPerDay(50)).estimate(floodedDays: -1)
        }
    }
}

@Suite struct PaddyWaterBalanceTests {
    let paddy = PaddyWaterBalance(area: SquareMetres(10_000))

    @Test func seepageIsWhatIsNotAccountedFor() {
        // 1 ha: 1,500 m³ in, 200 m³ over the weir, 5 mm evaporated (50 m³), ponding up 20 mm (200 m³).
        let interval = PaddyInterval(inflow: CubicMetres(1500), outflow: CubicMetres(200), evaporation: Millimetres(5),
                                     pondedDepthAtStart: Millimetres(60), pondedDepthAtEnd: Millimetres(80))
        #expect(approximately(paddy.seepage(interval).value, 1050, within: 1e-9))
    }

    @Test func fallingPondAddsToSeepage() throws {
        let drain = PaddyInterval(inflow: CubicMetres(0), outflow: CubicMetres(0), evaporation: Millimetres(4),
                                  pondedDepthAtStart: Millimetres(80), pondedDepthAtEnd: Millimetres(0))
        let fill = PaddyInterval(inflow: CubicMetres(900), outflow: CubicMetres(0), evaporation: Millimetres(0),
                                 pondedDepthAtStart: Millimetres(0), pondedDepthAtEnd: Millimetres(50))
        let estimate = try paddy.estimate([drain, fill])
        #expect(approximately(try #require(estimate.volume).value, 760 + 400, within: 1e-9))
        #expect(estimate.method == .paddyWaterBalance)
        #expect(estimate.parameter("intervals") == .count(2))
        #expect(estimate.parameter("inflow") == .measured(MeasuredValue(900, "m3")))
    }

    @Test func rejectsEmptyLogAndZeroArea() {
        #expect(throws: PaddyWaterBalance.InvalidInput.self) { try paddy.estimate([]) }
        let interval = PaddyInterval(inflow: CubicMetres(1), outflow: .zero, evaporation: .zero,
                                     pondedDepthAtStart: .zero, pondedDepthAtEnd: .zero)
        #expect(throws: PaddyWaterBalance.InvalidInput.self) { try PaddyWaterBalance(area: .zero).estimate([interval]) }
    }
}

@Suite struct FloodedDayTests {
    let may1 = CivilDate(year: 2019, month: 5, day: 1)

    func log(_ depths: [Double?]) -> [DailyPondedDepth] {
        depths.enumerated().map { DailyPondedDepth(date: may1.adding(days: $0.offset), depth: $0.element.map(Millimetres.init)) }
    }

    @Test func countsDaysAtOrAboveMinimumAndRecordsInterruptions() throws {
        let rule = FloodingRule(minimumDepth: Millimetres(30), seasonCap: 120)
        let tally = try rule.tally(log([10, 30, 45, 5, nil, 0, 50, 60, 20]))
        #expect(tally.floodedDays == 4)
        #expect(tally.countedDays == 4)
        // Dry days before the first flooded day and after the last are not interruptions of the season.
        #expect(tally.interruptions == [FloodingInterruption(start: may1.adding(days: 3), end: may1.adding(days: 5))])
        #expect(tally.interruptedDays == 3)
    }

    @Test func missingDatesCountAsDry() throws {
        let rule = FloodingRule(minimumDepth: Millimetres(30))
        let days = [DailyPondedDepth(date: may1, depth: Millimetres(40)),
                    DailyPondedDepth(date: may1.adding(days: 17), depth: Millimetres(40))]
        let tally = try rule.tally(days.reversed())
        #expect(tally.floodedDays == 2)
        #expect(tally.interruptions.map(\.days) == [16])
    }

    @Test func seasonCapRaisedFrom90To120() throws {
        let season = log(Array(repeating: 80, count: 130))
        let old = try FloodingRule(minimumDepth: Millimetres(30), seasonCap: 90).tally(season)
        let new = try FloodingRule(minimumDepth: Millimetres(30), seasonCap: 120).tally(season)
        #expect(old.countedDays == 90 && old.isCapped)
        #expect(new.countedDays == 120 && new.isCapped)
        #expect(new.floodedDays == 130)
    }

    @Test func neverFloodedIsZero() throws {
        let tally = try FloodingRule(minimumDepth: Millimetres(30)).tally(log([0, nil, 29.9]))
        #expect(tally.floodedDays == 0 && tally.interruptions.isEmpty)
    }

    @Test func rejectsDuplicateDaysAndNegativeCap() {
        let twice = [DailyPondedDepth(date: may1, depth: Millimetres(40)), DailyPondedDepth(date: may1, depth: Millimetres(10))]
        #expect(throws: FloodingRule.InvalidLog.self) { try FloodingRule(minimumDepth: Millimetres(30)).tally(twice) }
        #expect(throws: FloodingRule.InvalidLog.self) { try FloodingRule(minimumDepth: Millimetres(30), seasonCap: -1).tally([]) }
    }
}

@Suite struct MeteredInjectionTests {
    @Test func pulsesOverKFactor() throws {
        let k = try KFactor(pulsesPerLitre: 0.1)
        let estimate = MeteredInjection.estimate(pulses: PulseCount(1234), kFactor: k, calibrationID: "fm-3-2024-05")
        let volume = try #require(estimate.volume)
        #expect(approximately(volume.value, 12.34, within: 1e-9))
        // 15 minutes → m³/h
        #expect(approximately(volume.value * 3600 / (15 * 60), 49.36, within: 1e-9))
        #expect(estimate.parameter("calibration") == .text("fm-3-2024-05"))
        #expect(estimate.parameter("k-factor") == .measured(MeasuredValue(0.1, "count/l")))
    }

    @Test func integratesLoopFlow() throws {
        let rate = try #require(LoopScaling(lowerRangeValue: 0, upperRangeValue: 100)
            .signal(Milliamperes(10.4), as: CubicMetrePerHour.self).value)
        #expect(rate == CubicMetresPerHour(40))
        let samples = stride(from: 0.0, through: 900, by: 60).map { FlowSample(elapsed: Duration($0), rate: rate) }
        let estimate = try MeteredInjection.estimate(flow: samples)
        #expect(approximately(try #require(estimate.volume).value, 10, within: 1e-9))
        #expect(estimate.parameter("span") == .measured(MeasuredValue(900, "s")))
    }

    @Test func trapezoidBetweenUnequalRates() throws {
        let samples = [FlowSample(elapsed: Duration(0), rate: CubicMetresPerHour(0)),
                       FlowSample(elapsed: Duration(3600), rate: CubicMetresPerHour(10))]
        #expect(try MeteredInjection.estimate(flow: samples).volume == CubicMetres(5))
    }

    @Test func rejectsTooFewOrUnorderedSamples() {
        let one = [FlowSample(elapsed: Duration(0), rate: CubicMetresPerHour(1))]
        #expect(throws: MeteredInjection.InvalidInput.self) { try MeteredInjection.estimate(flow: one) }
        let backwards = one + [FlowSample(elapsed: Duration(0), rate: CubicMetresPerHour(1))]
        #expect(throws: MeteredInjection.InvalidInput.self) { try MeteredInjection.estimate(flow: backwards) }
    }
}

@Suite struct WaterTableFluctuationTests {
    @Test func specificYieldTimesRise() throws {
        let estimate = try WaterTableFluctuation(specificYield: 0.20)
            .estimate(peak: Metres(21.35), extrapolatedRecession: Metres(20.90))
        #expect(approximately(try #require(estimate.depth).value, 90, within: 1e-9))
        #expect(estimate.volume == nil)
        #expect(estimate.method == .waterTableFluctuation)
        #expect(estimate.parameter("specific-yield") == .measured(MeasuredValue(0.2, "/")))
    }

    @Test func johnson1967Table() {
        #expect(AquiferMaterial.clay.specificYield == 0.02)
        #expect(AquiferMaterial.fineSand.specificYield == 0.21)
        #expect(AquiferMaterial.mediumSand.specificYield == 0.26)
        #expect(AquiferMaterial.coarseGravel.specificYield == 0.22)
        #expect(WaterTableFluctuation(.mediumSand).specificYield == 0.26)
    }

    @Test func rejectsFallAndImpossibleYield() {
        #expect(throws: WaterTableFluctuation.InvalidInput.self) {
            try WaterTableFluctuation(specificYield: 0.2).estimate(peak: Metres(20), extrapolatedRecession: Metres(20.5))
        }
        #expect(throws: WaterTableFluctuation.InvalidInput.self) {
            try WaterTableFluctuation(specificYield: 1.2).estimate(peak: Metres(21), extrapolatedRecession: Metres(20))
        }
    }
}
