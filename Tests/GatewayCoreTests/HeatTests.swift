import GatewayCore
import Testing

@Suite struct IAPWSRegion1Tests {
    // IAPWS-IF97 Table 5 verification values.
    @Test(arguments: [(300.0, 3.0, 0.100215168e-2, 0.115331273e3),
                      (300.0, 80.0, 0.971180894e-3, 0.184142828e3),
                      (500.0, 3.0, 0.120241800e-2, 0.975542239e3)])
    func verificationTable(kelvin: Double, megapascals: Double, volume: Double, enthalpy: Double) throws {
        let s = try IAPWSRegion1.state(temperature: DegreesCelsius(kelvin - 273.15), pressure: Megapascals(megapascals))
        #expect(approximately(s.specificVolume, volume, within: volume * 1e-8))
        #expect(approximately(s.specificEnthalpy, enthalpy, within: enthalpy * 1e-8))
    }

    // IAPWS-IF97 Table 35 verification values for the saturation-pressure equation.
    @Test(arguments: [(300.0, 0.353658941e-2), (500.0, 0.263889776e1), (600.0, 0.123443146e2)])
    func saturationPressure(kelvin: Double, megapascals: Double) {
        let p = SaturationPressure.at(DegreesCelsius(kelvin - 273.15))
        #expect(approximately(p.value, megapascals, within: megapascals * 1e-8))
    }

    @Test func steamIsNotRegion1() {
        // At 0.1 MPa water boils near 99.6 Cel.
        #expect(throws: HeatError.self) { try IAPWSRegion1.state(temperature: DegreesCelsius(120), pressure: Megapascals(0.1)) }
        #expect(throws: HeatError.self) { try IAPWSRegion1.state(temperature: DegreesCelsius(-5), pressure: Megapascals(1.6)) }
        #expect(throws: HeatError.self) { try IAPWSRegion1.state(temperature: DegreesCelsius(50), pressure: Megapascals(120)) }
    }
}

@Suite struct HeatMeterTests {
    @Test(arguments: [(70.0, 50.0, 4.1325), (80.0, 60.0, 4.1176)])
    func heatingCoefficientReturnSide(supply: Double, ret: Double, k: Double) throws {
        let coefficient = try HeatCoefficient(supply: DegreesCelsius(supply), return: DegreesCelsius(ret), meter: .return)
        #expect(approximately(coefficient.value, k, within: 0.00005))
        #expect(coefficient.measured.unit == "MJ/(m3.K)")
    }

    @Test func chilledWaterCoefficient() throws {
        let k = try HeatCoefficient(supply: DegreesCelsius(7), return: DegreesCelsius(12), meter: .return)
        #expect(approximately(k.value, 4.1915, within: 0.00005))
    }

    @Test func supplySideMeterSeesLighterWater() throws {
        let onReturn = try HeatCoefficient(supply: DegreesCelsius(70), return: DegreesCelsius(50), meter: .return)
        let onSupply = try HeatCoefficient(supply: DegreesCelsius(70), return: DegreesCelsius(50), meter: .supply)
        #expect(onSupply < onReturn)
    }

    @Test func tenCubicMetresAt70Over50() throws {
        let q = try HeatMeter(circuit: .heating, meter: .return)
            .heat(volume: CubicMetres(10), supply: DegreesCelsius(70), return: DegreesCelsius(50))
        #expect(approximately(q.energy.value, 826.5, within: 0.05))
        #expect(approximately(q.kilowattHours.value, 229.6, within: 0.05))
        #expect(!q.isReversed)
    }

    @Test func chilledCircuitCountsHeatRemoved() throws {
        let q = try HeatMeter(circuit: .cooling, meter: .return)
            .heat(volume: CubicMetres(10), supply: DegreesCelsius(7), return: DegreesCelsius(12))
        #expect(approximately(q.energy.value, 4.1915 * 10 * 5, within: 0.005))
    }

    @Test func reversedDifferenceCountsNothingAndSaysSo() throws {
        let q = try HeatMeter(circuit: .heating, meter: .return)
            .heat(volume: CubicMetres(3), supply: DegreesCelsius(40), return: DegreesCelsius(41))
        #expect(q.energy == .zero && q.isReversed)
    }

    @Test func rejectsEqualTemperaturesAndNegativeVolume() {
        let meter = HeatMeter(circuit: .heating, meter: .return)
        #expect(throws: HeatError.noTemperatureDifference(DegreesCelsius(60))) {
            try meter.heat(volume: CubicMetres(1), supply: DegreesCelsius(60), return: DegreesCelsius(60))
        }
        #expect(throws: HeatError.negativeVolume(CubicMetres(-1))) {
            try meter.heat(volume: CubicMetres(-1), supply: DegreesCelsius(70), return: DegreesCelsius(50))
        }
    }
}
