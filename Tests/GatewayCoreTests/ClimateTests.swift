import GatewayCore
import Testing

@Suite struct ClimateTests {
    @Test func hokkaidoDegreeDays() {
        let means = [-3.2, 0.5, 5.0, 17.0, 19.0].map(DegreesCelsius.init)
        let dd = DegreeDayConvention.hokkaido.heatingDegreeDays(dailyMeans: means)
        #expect(approximately(dd.value, 52.7, within: 1e-9))
        #expect(DegreeDayConvention.hokkaido.description == "D18-18")
    }

    @Test func configurableBase() {
        let d14 = DegreeDayConvention(base: DegreesCelsius(14), threshold: DegreesCelsius(14))
        let means = [-3.2, 0.5, 5.0, 17.0, 19.0].map(DegreesCelsius.init)
        #expect(approximately(d14.heatingDegreeDays(dailyMeans: means).value, 17.2 + 13.5 + 9, within: 1e-9))
        #expect(d14.description == "D14-14")
    }

    @Test func primaryEnergyFactorChangedInFY2023() {
        let table = PrimaryEnergyFactorTable.energyConservationAct
        #expect(table.factor(for: FiscalYear(2022)) == PrimaryEnergyFactor(9.76))
        #expect(table.factor(for: FiscalYear(2023)) == PrimaryEnergyFactor(8.64))
        #expect(table.factor(for: FiscalYear(2040)) == PrimaryEnergyFactor(8.64))
        #expect(table.factor(for: FiscalYear(1990)) == PrimaryEnergyFactor(9.76))
    }

    @Test func energyUseIntensity() throws {
        let eui = try EnergyUseIntensity(electricity: KilowattHours(600_000), floorArea: SquareMetres(5000), year: FiscalYear(2023))
        #expect(approximately(eui.value, 1036.8, within: 1e-9))
        #expect(eui.measured.unit == "MJ/m2")
    }

    @Test func rejectsEmptyOrDuplicateTablesAndZeroArea() {
        #expect(throws: ClimateError.emptyTable) { try PrimaryEnergyFactorTable(entries: []) }
        let e = PrimaryEnergyFactorTable.Entry(from: FiscalYear(2023), factor: PrimaryEnergyFactor(8.64))
        #expect(throws: ClimateError.duplicateYear(FiscalYear(2023))) { try PrimaryEnergyFactorTable(entries: [e, e]) }
        #expect(throws: ClimateError.nonPositiveFloorArea(.zero)) {
            try EnergyUseIntensity(primaryEnergy: Megajoules(1), floorArea: .zero)
        }
    }
}
