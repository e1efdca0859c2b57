import BoardIO
import GatewayCore
import SensorDrivers
import SimulatedBoard
import Testing

@Suite struct SHT3xTests {
    @Test func crcMatchesDatasheetVectors() {
        #expect(SensirionCRC8.checksum(word: 0xBEEF) == 0x92)
        #expect(SensirionCRC8.checksum(word: 0x6666) == 0x93)
        #expect(SensirionCRC8.checksum([0xBE, 0xEF]) == 0x92)
    }

    @Test func measuresWhatTheModelHolds() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = SHT3xModel()
        model.rawTemperature = 0x6666  // −45 + 175 × 0.4 = 25 °C
        model.rawHumidity = 0x8000
        bus.attach(model, at: 0x44)
        let reading = try SHT3x(bus: bus, address: 0x44).measure()
        #expect(abs(reading.temperature.value - 25.0) < 1e-9)
        #expect(abs(reading.humidity.value - 100 * 32768 / 65535) < 1e-9)
    }

    @Test func waitsForAMeasurementStillRunning() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = SHT3xModel(temperature: DegreesCelsius(-12.5), humidity: RelativeHumidity(80))
        model.notReadyReads = 2
        bus.attach(model, at: 0x45)
        let reading = try SHT3x(bus: bus, address: 0x45).measure()
        #expect(abs(reading.temperature.value + 12.5) < 0.002)
        #expect(abs(reading.humidity.value - 80) < 0.001)
    }

    @Test func corruptedChecksumIsATypedError() {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = SHT3xModel()
        model.corruptChecksums = true
        model.rawTemperature = 0xBEEF
        bus.attach(model, at: 0x44)
        let error = #expect(throws: SensorError.self) { try SHT3x(bus: bus, address: 0x44).measure() }
        #expect(error?.kind == .checksumMismatch(received: ~0x92, computed: 0x92))
        #expect(error?.description.contains("address 0x44") == true)
    }

    @Test func statusReadIsChecked() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        bus.attach(SHT3xModel(), at: 0x44)
        #expect(try SHT3x(bus: bus, address: 0x44).readStatus() == 0x8010)
    }
}
