import AggregatorKit
import GatewayCore
import Testing

/// The plans' arithmetic against the field brief's vectors (FIELD-BRIEF.md §1–§3).
@Suite struct PlanArithmeticTests {
    static let sapporo = try! CityFileReader.load(Paths.city("sapporo"))

    @Test func kumamotoAchievementIsMinus167Percent() throws {
        let a = try #require(PlanArithmetic.achievement(current: 1179, base: PlanFigure(year: 2017, value: 1317.1),
                                                        target: PlanFigure(year: 2021, value: 1400), direction: .higherIsBetter))
        #expect(a.percent == -167)
    }

    @Test func rechargeIsPrintedIn万m3ToOneDecimal() {
        #expect(PlanArithmetic.manCubicMetres(CubicMetres(11_790_000)) == 1179)
        #expect(PlanArithmetic.printed(PlanArithmetic.manCubicMetres(CubicMetres(159_200_000 + 449)), decimals: 1) == 15920.0)
        #expect(PlanArithmetic.printed(PlanArithmetic.manCubicMetres(CubicMetres(1234.5)), decimals: 1) == 0.1)
    }

    @Test func kamisunagawaRenewablesAndTownVectors() throws {
        let plan = try CityFileReader.load(Paths.city("kamisunagawa"))
        let series = try #require(plan.factors("hokkaido-electricity"))
        let renewables = try #require(PlanArithmetic.emissions(KilowattHours(143_067), series: series, year: FiscalYear(2023)))
        #expect(PlanArithmetic.printed(renewables.amount.value, decimals: 1) == 97.0)
        #expect(renewables.tableVersion == "plan-2023")
        let town = try #require(PlanArithmetic.emissions(KilowattHours(13_995_000), series: series, year: FiscalYear(2013)))
        #expect(PlanArithmetic.printed(town.amount.value, decimals: 1) == 9488.6)
    }

    @Test func sapporoFactorsFollowTheVersionInForceEachYear() throws {
        let electricity = try #require(Self.sapporo.factors("hokkaido-electricity"))
        let heat = try #require(Self.sapporo.factors("sapporo-district-heat"))
        let cases: [(Int, Double, String)] = [(2012, 0.688, "plan-2019"), (2022, 0.688, "plan-2019"),
                                              (2023, 0.532, "plan-2019-fy2023"), (2030, 0.433, "plan-2019-fy2023")]
        for (year, factor, version) in cases {
            let f = try #require(PlanArithmetic.factor(of: electricity, for: FiscalYear(year)))
            #expect(f.kgCO2PerUnit == factor && f.version.version == version, "FY\(year)")
        }
        #expect(PlanArithmetic.factor(of: heat, for: FiscalYear(2012))?.kgCO2PerUnit == 0.065)
        #expect(PlanArithmetic.factor(of: heat, for: FiscalYear(2024))?.kgCO2PerUnit == 0.059)
        #expect(PlanArithmetic.factor(of: heat, for: FiscalYear(2031))?.kgCO2PerUnit == 0.055)
        // 10,000 MJ of district heat in FY2023: 590 kg.
        #expect(abs((PlanArithmetic.emissions(Megajoules(10_000), series: heat, year: FiscalYear(2023))?.amount.value ?? 0) - 0.59) < 1e-12)
    }

    @Test func aNewVersionDoesNotChangeAPastYear() {
        var series = EmissionFactorSeries(id: "e", energy: .electricity, supplier: "s", versions: [
            EmissionFactorVersion(version: "v1", source: "first", published: CivilDate(year: 2020, month: 1, day: 1),
                                  appliesFrom: FiscalYear(2013), spans: [FactorSpan(from: FiscalYear(2013), to: FiscalYear(2050), kgCO2PerUnit: 0.5)]),
        ])
        let before = PlanArithmetic.emissions(KilowattHours(1000), series: series, year: FiscalYear(2024))?.amount.value
        series.versions.append(EmissionFactorVersion(version: "v2", source: "revised", published: CivilDate(year: 2026, month: 4, day: 1),
                                                     appliesFrom: FiscalYear(2026),
                                                     spans: [FactorSpan(from: FiscalYear(2013), to: FiscalYear(2050), kgCO2PerUnit: 0.4)]))
        #expect(PlanArithmetic.emissions(KilowattHours(1000), series: series, year: FiscalYear(2024))?.amount.value == before)
        #expect(PlanArithmetic.emissions(KilowattHours(1000), series: series, year: FiscalYear(2026))?.tableVersion == "v2")
    }

    @Test func energyUseIntensityAndPrimaryEnergy() throws {
        #expect(PlanArithmetic.intensity(KilowattHours(600_000), floorArea: SquareMetres(5_000)) == 120)
        let fy2023 = PlanArithmetic.primaryEnergy(KilowattHours(600_000), floorArea: SquareMetres(5_000), year: FiscalYear(2023))
        #expect(abs(fy2023.energy.value - 5_184_000) < 1e-6)
        #expect(abs(try #require(fy2023.intensity).value - 1_036.8) < 1e-9)
        let fy2022 = PlanArithmetic.primaryEnergy(KilowattHours(600_000), floorArea: SquareMetres(5_000), year: FiscalYear(2022))
        #expect(abs(fy2022.energy.value - 5_856_000) < 1e-6, "9.76 MJ/kWh before FY2023")
    }

    @Test func selfConsumptionAndHoursIslanded() {
        #expect(PlanArithmetic.selfConsumptionPercent(generation: KilowattHours(143), export: KilowattHours(43)).map { abs($0 - 69.93) < 0.01 } == true)
        #expect(PlanArithmetic.selfConsumptionPercent(generation: KilowattHours(0), export: KilowattHours(0)) == nil)
        let h = { (n: Int64, v: Double) in HourAmount(hourStart: UnixTime(milliseconds: n * 3_600_000), amount: v) }
        // Hour 1: no import, generating → islanded. Hour 2: no import, no generation (blackout) → not. Hour 3: importing.
        #expect(PlanArithmetic.hoursIslanded(imports: [h(1, 0), h(2, 0), h(3, 5)], generation: [h(1, 3), h(2, 0), h(3, 2)]) == 1)
    }

    @Test func floodedDaysCountTheDailyMeanAgainstTheMinimum() throws {
        let day = { (d: Int, m: Double) in DailyMean(date: CivilDate(year: 2019, month: 6, day: d), mean: m, unit: "m") }
        let tally = try #require(PlanArithmetic.floodedDays([day(1, 0.05), day(2, 0.01), day(3, 0.03), day(4, 0.08)],
                                                            minimumDepth: Metres(0.02), seasonCap: 2))
        #expect(tally.floodedDays == 3 && tally.countedDays == 2 && tally.isCapped && tally.interruptedDays == 1)
    }
}

enum Paths {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
    static func city(_ name: String) -> String { root + "/Deploy/cities/\(name).yaml" }
}
