import BoardIO
import GatewayCore
import SensorDrivers
import SimulatedBoard
import Testing

@Suite struct ADS1115Tests {
    @Test func configWordsMatchDatasheet() {
        let ain0 = ADS1115Configuration(input: .ain0, range: .volts4_096, rate: .sps128)
        #expect(ain0.singleShotWord == 0xC383)
        #expect(ain0.voltsPerCode == Volts(0.000125))
        let ain3 = ADS1115Configuration(input: .ain3, range: .volts0_256, rate: .sps860)
        #expect(ain3.singleShotWord == 0xFBE3)
        #expect(ADS1115Configuration.FullScaleRange(volts: 2.048) == .volts2_048)
        #expect(ADS1115Configuration.FullScaleRange(volts: 5.0) == nil)
        #expect(ADS1115Configuration.DataRate(samplesPerSecond: 475) == .sps475)
        #expect(ADS1115Configuration.DataRate(samplesPerSecond: 100) == nil)
    }

    @Test(arguments: [(4.0, Int16(4800)), (12.0, 14400), (20.0, 24000), (3.6, 4320)])
    func loopCurrentThrough150Ohms(milliamperes: Double, code: Int16) throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = ADS1115Model()
        model.setLoopCurrent(Milliamperes(milliamperes), through: Ohms(150), on: .ain0)
        bus.attach(model, at: 0x48)
        let configuration = ADS1115Configuration(input: .ain0, range: .volts4_096, rate: .sps128)
        let adc = ADS1115(bus: bus, address: 0x48)
        #expect(try adc.convert(configuration) == code)
        #expect(model.config & 0x7FFF == 0xC383 & 0x7FFF)
        let input = LoopCurrentInput(adc: adc, configuration: configuration, shunt: Ohms(150))
        #expect(abs(try input.measure().value - milliamperes) < 1e-9)
    }

    @Test func readsTheConfiguredInputOnly() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = ADS1115Model()
        model.setVoltage(Volts(0.1), on: .ain0)
        model.setVoltage(Volts(1.5), on: .ain2)
        model.busyPolls = 3
        bus.attach(model, at: 0x49)
        let input = try LoopCurrentInput(bus: bus, address: 0x49, input: .ain2, fullScaleVolts: 2.048,
                                         samplesPerSecond: 860, shunt: Ohms(100))
        #expect(abs(try input.measure().value - 15) < 0.001)
        #expect(model.conversionsStarted == 1)
    }

    @Test func unsupportedSiteSettingsAreRejected() {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let error = #expect(throws: SensorError.self) {
            try LoopCurrentInput(bus: bus, address: 0x48, input: .ain1, fullScaleVolts: 5,
                                 samplesPerSecond: 128, shunt: Ohms(150))
        }
        #expect(error?.kind == .unsupportedSetting("full-scale 5.0 V"))
    }

    @Test func clippedInputIsReportedNotReturned() {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = ADS1115Model()
        model.setLoopCurrent(Milliamperes(30), through: Ohms(150), on: .ain0)  // 4.5 V on a 4.096 V range
        bus.attach(model, at: 0x48)
        let adc = ADS1115(bus: bus, address: 0x48)
        let error = #expect(throws: SensorError.self) {
            try adc.measure(ADS1115Configuration(input: .ain0, range: .volts4_096, rate: .sps128))
        }
        #expect(error?.kind == .inputOverRange)
    }
}
