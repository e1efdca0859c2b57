import GatewayCore
import Testing

@Suite struct PulseEnergyMeterTests {
    @Test func multiplierFromTransformers() {
        let t = InstrumentTransformers(vt: (primary: 6600, secondary: 110), ct: (primary: 200, secondary: 5))
        #expect(t.multiplier == 2400)
    }

    @Test func powerFromPulseInterval() throws {
        let meter = try PulseEnergyMeter(impulsesPerKWh: 1000)
        #expect(approximately(try meter.power(pulseInterval: Duration(3.6)).value, 1.0, within: 1e-12))
    }

    @Test func secondarySideConstantNeedsTheMultiplier() throws {
        let secondary = try PulseEnergyMeter(impulsesPerKWh: 1000, multiplier: 2400, side: .secondary)
        let primary = try PulseEnergyMeter(impulsesPerKWh: 1000, multiplier: 2400, side: .primary)
        #expect(approximately(secondary.energy(PulseCount(50)).value, 120, within: 1e-9))
        #expect(approximately(primary.energy(PulseCount(50)).value, 0.05, within: 1e-12))
        #expect(approximately(try secondary.power(pulseInterval: Duration(3.6)).value, 2400, within: 1e-9))
    }

    @Test func rejectsBadConstantsAndIntervals() throws {
        #expect(throws: EnergyError.self) { try PulseEnergyMeter(impulsesPerKWh: 0) }
        #expect(throws: EnergyError.self) { try PulseEnergyMeter(impulsesPerKWh: 1000, multiplier: -1) }
        #expect(throws: EnergyError.invalidInterval(Duration(0))) {
            try PulseEnergyMeter(impulsesPerKWh: 1000).power(pulseInterval: Duration(0))
        }
    }
}

@Suite struct EnergyBalanceTests {
    @Test func selfConsumptionAndUse() throws {
        let b = try EnergyBalance(imported: KilowattHours(300), exported: KilowattHours(40), generated: KilowattHours(100))
        #expect(b.selfConsumed == KilowattHours(60))
        #expect(b.consumed == KilowattHours(360))
        #expect(approximately(try #require(b.selfSufficiency), 60.0 / 360, within: 1e-12))
    }

    @Test func nothingUsedHasNoSufficiency() throws {
        #expect(try EnergyBalance(imported: .zero, exported: .zero, generated: .zero).selfSufficiency == nil)
    }

    @Test func rejectsExportBeyondGenerationAndNegativeEnergy() {
        #expect(throws: EnergyError.exportExceedsGeneration(exported: KilowattHours(50), generated: KilowattHours(10))) {
            try EnergyBalance(imported: KilowattHours(1), exported: KilowattHours(50), generated: KilowattHours(10))
        }
        #expect(throws: EnergyError.self) {
            try EnergyBalance(imported: KilowattHours(-1), exported: .zero, generated: .zero)
        }
    }
}

@Suite struct DemandWindowTests {
    /// Issue 15: a window completes at the reading at its end (aligned sampling), or at a stop in its last
    /// millisecond; a reading inside it, or a stop earlier in it, leaves it open.
    @Test func aWindowIsCompleteAtTheReadingThatEndsIt() {
        let start = CivilTime.jstInstant(year: 2028, month: 3, day: 31, hour: 23, minute: 30)
        let w = DemandWindow(containing: start.adding(seconds: 60))
        let end = w.bucket.end
        #expect(w.isComplete(afterReadingAt: end))
        #expect(w.isComplete(afterReadingAt: end.adding(seconds: 0.004)))
        #expect(w.isComplete(afterReadingAt: UnixTime(milliseconds: end.milliseconds - 1)))
        #expect(!w.isComplete(afterReadingAt: UnixTime(milliseconds: end.milliseconds - 2)))
        #expect(!w.isComplete(afterReadingAt: end.adding(seconds: -30)))
        #expect(w.next.bucket.start == end)
    }

    @Test func demandIsWindowEnergyTimesTwo() {
        #expect(DemandWindow.demand(KilowattHours(120)) == Kilowatts(240))
    }

    @Test func windowsAlignToHalfHoursJST() {
        let t = CivilTime.jstInstant(year: 2024, month: 7, day: 1, hour: 13, minute: 47)
        let w = DemandWindow(containing: t)
        #expect(w.bucket.start == CivilTime.jstInstant(year: 2024, month: 7, day: 1, hour: 13, minute: 30))
        #expect(w.bucket.end == CivilTime.jstInstant(year: 2024, month: 7, day: 1, hour: 14))
    }

    @Test func predictedDemand() throws {
        let start = CivilTime.jstInstant(year: 2024, month: 7, day: 1, hour: 14)
        let now = start.adding(seconds: 20 * 60)
        let predicted = try DemandWindow(containing: now)
            .predictedDemand(energySoFar: KilowattHours(80), powerNow: Kilowatts(270), at: now)
        #expect(approximately(predicted.value, 250, within: 1e-9))
    }

    @Test func predictionOutsideWindowIsRejected() {
        let start = CivilTime.jstInstant(year: 2024, month: 7, day: 1, hour: 14)
        let w = DemandWindow(containing: start)
        #expect(throws: EnergyError.instantOutsideWindow(w.bucket.end)) {
            try w.predictedDemand(energySoFar: .zero, powerNow: .zero, at: w.bucket.end)
        }
    }
}

@Suite struct EmissionFactorTests {
    let table = EmissionFactorTable<KilowattHour>(version: "kamisunagawa-2023.1", published: CivilDate(year: 2023, month: 3, day: 31), entries: [
        EmissionFactorEntry(supplier: "hokkaido-electric", fiscalYear: FiscalYear(2013), factor: EmissionFactor(0.678)),
        EmissionFactorEntry(supplier: "kyushu-electric", fiscalYear: FiscalYear(2013), factor: EmissionFactor(0.613)),
        EmissionFactorEntry(supplier: "hokuriku-electric", fiscalYear: FiscalYear(2013), factor: EmissionFactor(0.630)),
    ])

    @Test func kamisunagawaRenewables() throws {
        let e = try table.emissions(KilowattHours(143_067), supplier: "hokkaido-electric", fiscalYear: FiscalYear(2013))
        #expect(approximately(e.amount.value, 97.0, within: 0.05))
        #expect(e.tableVersion == "kamisunagawa-2023.1")
        #expect(e.factor == EmissionFactor<KilowattHour>(0.678))
        #expect(e.factor.measured.unit == "kg-CO2/kWh")
    }

    @Test func kumamotoOnKyushuFactor() throws {
        // FY2013 basic factor 0.000613 t-CO2/kWh = 0.613 kg-CO2/kWh.
        let e = try table.emissions(KilowattHours(1_000_000), supplier: "kyushu-electric", fiscalYear: FiscalYear(2013))
        #expect(approximately(e.amount.value, 613, within: 1e-9))
    }

    @Test func megawattHoursScale() throws {
        let e = try table.emissions(KilowattHours(13_995 * 1000), supplier: "hokkaido-electric", fiscalYear: FiscalYear(2013))
        #expect(approximately(e.amount.value, 9_488.6, within: 0.05))
    }

    @Test func missingFactorNamesSupplierYearAndVersion() {
        #expect(throws: EnergyError.noEmissionFactor(supplier: "kyushu-electric", fiscalYear: FiscalYear(2019),
                                                     tableVersion: "kamisunagawa-2023.1")) {
            try table.emissions(KilowattHours(1), supplier: "kyushu-electric", fiscalYear: FiscalYear(2019))
        }
    }

    @Test func districtHeatFactorsArePerMegajoule() throws {
        let heat = EmissionFactorTable<Megajoule>(version: "sapporo-dhc-2019", published: CivilDate(year: 2019, month: 4, day: 1),
                                                  entries: [EmissionFactorEntry(supplier: "sapporo-dhc", fiscalYear: FiscalYear(2023),
                                                                                factor: EmissionFactor(0.059))])
        let e = try heat.emissions(Megajoules(1_000_000), supplier: "sapporo-dhc", fiscalYear: FiscalYear(2023))
        #expect(approximately(e.amount.value, 59, within: 1e-9))
        #expect(e.factor.measured.unit == "kg-CO2/MJ")
    }
}

@Suite struct KPIAchievementTests {
    @Test func kumamotoRechargePrintedMinus167Percent() throws {
        let kpi = try KPITarget(baseline: CubicMetres(1317.1e4), baselineYear: FiscalYear(2017),
                                target: CubicMetres(1400e4), targetYear: FiscalYear(2021), direction: .higherIsBetter)
        let a = kpi.achievement(CubicMetres(1179e4))
        #expect(a.percent == -167)
        #expect(approximately(a.ratio, -1.666, within: 0.001))
        #expect(!a.isMet)
    }

    @Test func lowerIsBetterCountsReductions() throws {
        // Kamisunagawa CO₂: 21,355 t (FY2013) → 11,105 t (FY2030).
        let kpi = try KPITarget(baseline: TonnesCO2(21_355), baselineYear: FiscalYear(2013), target: TonnesCO2(11_105),
                                targetYear: FiscalYear(2030), direction: .lowerIsBetter)
        #expect(kpi.achievement(TonnesCO2(16_230)).percent == 50)
        #expect(kpi.achievement(TonnesCO2(10_000)).isMet)
        #expect(kpi.achievement(TonnesCO2(22_380)).percent == -10)
    }

    @Test func rejectsTargetsThatDoNotImprove() {
        #expect(throws: EnergyError.self) {
            try KPITarget(baseline: TonnesCO2(100), baselineYear: FiscalYear(2013), target: TonnesCO2(120),
                          targetYear: FiscalYear(2030), direction: .lowerIsBetter)
        }
        #expect(throws: EnergyError.self) {
            try KPITarget(baseline: TonnesCO2(100), baselineYear: FiscalYear(2013), target: TonnesCO2(80),
                          targetYear: FiscalYear(2013), direction: .lowerIsBetter)
        }
    }
}
