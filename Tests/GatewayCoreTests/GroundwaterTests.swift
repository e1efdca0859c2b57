import GatewayCore
import Testing

@Suite struct GroundwaterTests {
    let temperature = DegreesCelsius(15)

    @Test func tanakaDensityAt15Celsius() throws {
        #expect(approximately(try WaterDensity.tanaka(temperature).value, 999.1026, within: 0.00005))
    }

    @Test func densityMaximumNearFourCelsius() throws {
        let at4 = try WaterDensity.tanaka(DegreesCelsius(3.98)).value
        #expect(at4 > (try WaterDensity.tanaka(DegreesCelsius(0)).value))
        #expect(at4 > (try WaterDensity.tanaka(DegreesCelsius(8)).value))
        #expect(approximately(at4, 999.975, within: 0.001))
    }

    @Test func densityRejectsTemperatureOutsideFormula() {
        #expect(throws: WaterDensity.OutOfRange.self) { try WaterDensity.tanaka(DegreesCelsius(-0.5)) }
        #expect(throws: WaterDensity.OutOfRange.self) { try WaterDensity.tanaka(DegreesCelsius(40.1)) }
    }

    @Test func ventedTransducerColumn() throws {
        let h0 = try WaterColumn.height(gauge: Kilopascals(68.650).pascals, temperature: temperature)
        #expect(approximately(h0.value, 7.00664, within: 0.000005))
    }

    @Test func absoluteTransducerSubtractsBarometer() throws {
        let h = try WaterColumn.height(absolute: Kilopascals(170).pascals, barometric: Kilopascals(100.8).pascals,
                                       temperature: temperature)
        #expect(approximately(h.value, 7.06277, within: 0.000005))
    }

    @Test func transducerAboveWaterIsRejected() {
        #expect(throws: WaterColumn.Failure.negativePressureDifference(Pascals(-200))) {
            try WaterColumn.height(absolute: Pascals(100_600), barometric: Pascals(100_800), temperature: temperature)
        }
    }

    @Test func columnPassesOnTemperatureFault() {
        #expect(throws: WaterColumn.Failure.temperature(WaterDensity.OutOfRange(temperature: DegreesCelsius(85)))) {
            try WaterColumn.height(gauge: Pascals(1000), temperature: DegreesCelsius(85))
        }
    }

    @Test func tapeReferenceAndDepthToWater() throws {
        let h0 = try WaterColumn.height(gauge: Kilopascals(68.650).pascals, temperature: temperature)
        let tape = TapeReference(tapeDepth: Metres(12.340), sensorColumn: h0, takenAt: UnixTime(milliseconds: 0))
        #expect(approximately(tape.sensorDepth.value, 19.34664, within: 0.000005))

        let h = try WaterColumn.height(gauge: Kilopascals(63.750).pascals, temperature: temperature)
        #expect(approximately(h.value, 6.50653, within: 0.000005))
        let well = WellGeometry(measuringPointHeight: Metres(0.450), measuringPointElevation: Metres(35.250))
        let depth = DepthToWater(column: h, reference: tape, well: well)
        #expect(approximately(depth.belowMeasuringPoint.value, 12.84011, within: 0.000005))
        #expect(approximately(depth.belowLandSurface.value, 12.39011, within: 0.000005))
        #expect(approximately(depth.groundwaterElevation.value, 22.40989, within: 0.000005))
    }

    @Test func driftBetweenTapeChecks() {
        let first = TapeReference(tapeDepth: Metres(12.340), sensorColumn: Metres(7.00664), takenAt: UnixTime(milliseconds: 0))
        // Fifteen months on, the tape reads 12.800 m while the transducer reports 6.57651 m: it now hangs 0.02987 m
        // deeper by its own account: the 0.098 ft drift USGS reports over 15 months.
        let later = TapeReference(tapeDepth: Metres(12.800), sensorColumn: Metres(6.57651), takenAt: UnixTime(milliseconds: 1))
        let drift = TapeDrift(previous: first, next: later).drift
        #expect(approximately(drift.value, 0.02987, within: 0.000005))
    }
}

@Suite struct LoopSignalTests {
    let flow = LoopScaling(lowerRangeValue: 0, upperRangeValue: 100)

    @Test func scalesWithinMeasuringRange() {
        let s = flow.signal(Milliamperes(10.4), as: CubicMetrePerHour.self)
        #expect(s == .valid(CubicMetresPerHour(40)))
        #expect(flow.signal(Milliamperes(4), as: CubicMetrePerHour.self) == .valid(CubicMetresPerHour(0)))
        #expect(flow.signal(Milliamperes(20), as: CubicMetrePerHour.self) == .valid(CubicMetresPerHour(100)))
    }

    @Test func measuringRangeEdgesAreValid() {
        #expect(flow.signal(Milliamperes(3.8), as: CubicMetrePerHour.self).value != nil)
        if case .valid = flow.signal(Milliamperes(3.8), as: CubicMetrePerHour.self) {} else { Issue.record("3.8 mA is valid") }
        if case .valid = flow.signal(Milliamperes(20.5), as: CubicMetrePerHour.self) {} else { Issue.record("20.5 mA is valid") }
    }

    @Test func betweenRangeAndFaultIsUsableButFlagged() {
        // Held at the end of the span the process has passed, not extrapolated beyond it.
        guard case .saturated(let low, let lowCurrent) = flow.signal(Milliamperes(3.7), as: CubicMetrePerHour.self),
              case .saturated(let high, _) = flow.signal(Milliamperes(20.8), as: CubicMetrePerHour.self) else {
            Issue.record("3.7 mA and 20.8 mA lie between the measuring range and the fault bands")
            return
        }
        #expect(low.value == 0 && lowCurrent == Milliamperes(3.7))
        #expect(high.value == 100)
    }

    @Test(arguments: [3.6, 3.0, 0.0])
    func lowFailureBand(milliamperes: Double) {
        let s = flow.signal(Milliamperes(milliamperes), as: CubicMetrePerHour.self)
        #expect(s == .fault(.low(Milliamperes(milliamperes))))
        #expect(s.value == nil)
    }

    @Test(arguments: [21.0, 22.5])
    func highFailureBand(milliamperes: Double) {
        let s = flow.signal(Milliamperes(milliamperes), as: CubicMetrePerHour.self)
        #expect(s == .fault(.high(Milliamperes(milliamperes))))
        #expect(s.value == nil)
    }

    @Test(arguments: [3.61, 3.79, 20.51, 20.99])
    func saturationBandEdges(milliamperes: Double) {
        guard case .saturated = flow.signal(Milliamperes(milliamperes), as: CubicMetrePerHour.self) else {
            Issue.record("\(milliamperes) mA is in a NAMUR NE 43 saturation band")
            return
        }
    }

    @Test func shuntVoltageFromADS1115Codes() {
        // ADS1115 at ±4.096 V: one code is 4.096 V / 32768 = 125 µV; the 150 Ω shunt turns mA into volts.
        let lsb = 4.096 / 32768
        let shunt = Ohms(150)
        for (code, mA) in [(4800.0, 4.0), (14400, 12), (24000, 20), (4320, 3.6)] {
            #expect(approximately(Volts(code * lsb).current(through: shunt).value, mA, within: 1e-9))
        }
    }
}
