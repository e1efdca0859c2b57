import BoardIO
import GatewayCore
import SensorDrivers
import SimulatedBoard
import Testing

@Suite struct BusFaultTests {
    @Test func absentDeviceNamesBusAndAddress() {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let error = #expect(throws: SensorError.self) { try BME280(bus: bus, address: 0x77) }
        #expect(error?.kind == .bus(.noAcknowledge))
        #expect(error?.bus == "/dev/i2c-1")
        #expect(error?.address == 0x77)
        #expect(error?.description == "BME280: I2C read chip id on /dev/i2c-1 address 0x77: no device acknowledged")
    }

    @Test func failingModelSurfacesTheBusFault() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-3")
        bus.attach(TMP117Model(temperature: DegreesCelsius(4)), at: 0x4A)
        let sensor = try TMP117(bus: bus, address: 0x4A)
        bus.injectFault(.timeout, at: 0x4A, times: 1)
        let error = #expect(throws: SensorError.self) { try sensor.measure() }
        #expect(error?.kind == .bus(.timeout))
        #expect(error?.chip == "TMP117")
        #expect(error?.address == 0x4A)
        // The fault was transient: the next read succeeds.
        #expect(try sensor.measure() == DegreesCelsius(4))
    }

    @Test func persistentFaultHidesTheDeviceFromProbes() {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        bus.attach(SHT3xModel(), at: 0x44)
        #expect(bus.probe(address: 0x44))
        bus.injectFault(.busError, at: 0x44)
        #expect(!bus.probe(address: 0x44))
        let error = #expect(throws: SensorError.self) { try SHT3x(bus: bus, address: 0x44).measure() }
        #expect(error?.kind == .bus(.busError))
        bus.clearFault(at: 0x44)
        #expect(bus.probe(address: 0x44))
    }
}
