import BoardIO
import GatewayCore
import SensorDrivers
import SimulatedBoard
import Testing

@Suite struct BME280Tests {
    let calibration = BME280Model.referenceCalibration

    @Test func compensationMatchesBoschVector() {
        let tFine = calibration.fineTemperature(adc: 519_888)
        #expect(tFine == 128_422)
        #expect(calibration.centidegrees(fineTemperature: tFine) == 2508)
        // 25767233 / 256 = 100653.2539 Pa: the brief's 100653.25 Pa to the hundredth.
        #expect(calibration.pressureQ24_8(adc: 415_148, fineTemperature: tFine) == 25_767_233)
    }

    @Test func calibrationDecodesDatasheetLayout() {
        // 0x88…0xA1 then 0xE1…0xE7 as the chip lays them out; H4 and H5 share 0xE5 and are signed.
        var primary = [UInt8](repeating: 0, count: 26)
        primary[0] = 0x70; primary[1] = 0x6B  // T1 = 27504
        primary[2] = 0x43; primary[3] = 0x67  // T2 = 26435
        primary[4] = 0x18; primary[5] = 0xFC  // T3 = -1000
        primary[25] = 75
        let humidity: [UInt8] = [0x6A, 0x01, 0x00, 0x13, 0x29, 0xFC, 0x1E]
        let decoded = BME280Calibration(primary: primary, humidityBlock: humidity)
        #expect(decoded.t1 == 27504 && decoded.t2 == 26435 && decoded.t3 == -1000)
        #expect(decoded.humidity == .init(h1: 75, h2: 362, h3: 0, h4: 0x139, h5: -62, h6: 30))
    }

    @Test func driverReadsBriefVectorFromModel() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = BME280Model()
        bus.attach(model, at: 0x76)
        let sensor = try BME280(bus: bus, address: 0x76)
        #expect(sensor.variant == .bme280)
        #expect(sensor.calibration == calibration)
        let reading = try sensor.measure()
        #expect(reading.temperature == DegreesCelsius(25.08))
        #expect(abs(reading.pressure.value - 100_653.25) < 0.005)
        #expect(reading.humidity != nil)
        #expect(model.measurementsTaken == 1)
    }

    @Test func bmp280HasNoHumidity() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        bus.attach(BME280Model(variant: .bmp280), at: 0x77)
        let sensor = try BME280(bus: bus, address: 0x77)
        #expect(sensor.variant == .bmp280)
        let reading = try sensor.measure()
        #expect(reading.humidity == nil)
        #expect(abs(reading.pressure.value - 100_653.25) < 0.005)
    }

    @Test func modelTargetsReadBackThroughDriver() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = BME280Model()
        model.set(temperature: DegreesCelsius(-21.5))
        model.set(pressure: Pascals(98_765))
        model.set(humidity: RelativeHumidity(63))
        bus.attach(model, at: 0x76)
        let reading = try BME280(bus: bus, address: 0x76).measure()
        #expect(reading.temperature == DegreesCelsius(-21.5))
        #expect(abs(reading.pressure.value - 98_765) < 0.5)
        #expect(abs(try #require(reading.humidity).value - 63) < 0.05)
    }

    @Test func otherChipAtAddressIsRejected() {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        bus.attach(SHT3xModel(), at: 0x76)
        let error = #expect(throws: SensorError.self) { try BME280(bus: bus, address: 0x76) }
        // The SHT3x does not acknowledge a register pointer as a command.
        #expect(error?.kind == .bus(.noAcknowledge))
        let other = SimulatedI2CBus(path: "/dev/i2c-1")
        other.attach(ADS1115Model(), at: 0x76)
        let wrong = #expect(throws: SensorError.self) { try BME280(bus: other, address: 0x76) }
        #expect(wrong?.kind == .wrongChip(expected: "chip id 0x60 (BME280) or 0x58 (BMP280)", found: "0x00"))
    }

    @Test func measurementWithoutConversionIsAFault() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = BME280Model()
        model.measuringStatusReads = 50  // never finishes within the driver's polling
        bus.attach(model, at: 0x76)
        let sensor = try BME280(bus: bus, address: 0x76)
        let error = #expect(throws: SensorError.self) { try sensor.measure() }
        #expect(error?.kind == .conversionTimeout)
        #expect(error?.chip == "BME280")
    }
}
