import BoardIO
import GatewayCore
import SensorDrivers
import SimulatedBoard
import Testing

@Suite struct TMP117Tests {
    @Test func rawVectors() {
        #expect(TMP117.temperature(raw: 0x0C80) == DegreesCelsius(25.0))
        #expect(TMP117.temperature(raw: 0xFF80) == DegreesCelsius(-1.0))
    }

    @Test(arguments: [UInt16(0x0C80), 0xFF80, 0xE700])
    func driverSwapsTheSMBusWord(raw: UInt16) throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = TMP117Model()
        model.resultRegister = raw
        bus.attach(model, at: 0x48)
        let sensor = try TMP117(bus: bus, address: 0x48)
        #expect(try sensor.measure() == TMP117.temperature(raw: raw))
    }

    @Test func modelTargetReadsBack() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        bus.attach(TMP117Model(temperature: DegreesCelsius(-25.5)), at: 0x4B)
        #expect(try TMP117(bus: bus, address: 0x4B).measure() == DegreesCelsius(-25.5))
    }

    @Test func powerOnValueIsNotAReading() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = TMP117Model()
        model.resultRegister = 0x8000
        bus.attach(model, at: 0x49)
        let sensor = try TMP117(bus: bus, address: 0x49)
        let error = #expect(throws: SensorError.self) { try sensor.measure() }
        #expect(error?.kind == .noConversionYet)
    }

    @Test func adcAtTheAddressIsNotMistakenForATMP117() {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        bus.attach(ADS1115Model(), at: 0x48)
        let error = #expect(throws: SensorError.self) { try TMP117(bus: bus, address: 0x48) }
        #expect(error?.kind == .wrongChip(expected: "device id 0x0117", found: "0x7fff"))
    }
}
