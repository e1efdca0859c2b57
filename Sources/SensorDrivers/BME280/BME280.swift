import BoardIO
import GatewayCore

/// One reading of a BME280 (or BMP280, which has no humidity sensor).
public struct BME280Reading: Hashable, Sendable {
    public var temperature: DegreesCelsius
    public var pressure: Pascals
    public var humidity: RelativeHumidity?
    public init(temperature: DegreesCelsius, pressure: Pascals, humidity: RelativeHumidity?) {
        self.temperature = temperature
        self.pressure = pressure
        self.humidity = humidity
    }
}

/// Bosch BME280 / BMP280 over I2C, measured in forced mode: the chip sleeps between readings, which keeps its
/// self-heating out of the enclosure temperature and matches the gateway's sampling of once a minute or so.
public final class BME280 {
    public enum Variant: String, Sendable { case bme280 = "BME280", bmp280 = "BMP280" }

    enum Register {
        static let chipID: UInt8 = 0xD0
        static let calibrationPrimary: UInt8 = 0x88
        static let calibrationHumidity: UInt8 = 0xE1
        static let controlHumidity: UInt8 = 0xF2
        static let status: UInt8 = 0xF3
        static let controlMeasurement: UInt8 = 0xF4
        static let data: UInt8 = 0xF7
    }

    public static let chipIDs: [UInt8: Variant] = [0x60: .bme280, 0x58: .bmp280]
    public static let addresses: [UInt8] = [0x76, 0x77]
    /// The steps of the compensated outputs (Bosch's integer formulas): 0.01 °C, 1/256 Pa (Q24.8), 1/1024 %RH
    /// (Q22.10). What the channels publish at (MeasurementResolution).
    public static let temperatureResolution = DegreesCelsius(0.01)
    public static let pressureResolution = Pascals(1.0 / 256)
    public static let humidityResolution = RelativeHumidity(1.0 / 1024)

    public let variant: Variant
    public let calibration: BME280Calibration
    private let device: RegisterDevice

    /// Checks the chip id and reads the factory calibration.
    public init(bus: any I2CBus, address: UInt8) throws(SensorError) {
        var device = RegisterDevice(bus: bus, address: address, chip: "BME280")
        let id = try device.readByte(Register.chipID, "read chip id")
        guard let variant = Self.chipIDs[id] else {
            throw device.error(.wrongChip(expected: "chip id 0x60 (BME280) or 0x58 (BMP280)", found: "0x\(hex(id))"),
                               "read chip id")
        }
        device = RegisterDevice(bus: bus, address: address, chip: variant.rawValue)
        try Self.waitForCalibrationCopy(device)
        let primary = try device.readBlock(Register.calibrationPrimary, count: 26, "read calibration")
        let humidity = variant == .bme280
            ? try device.readBlock(Register.calibrationHumidity, count: 7, "read humidity calibration") : nil
        let calibration = BME280Calibration(primary: primary, humidityBlock: humidity)
        guard calibration.t1 != 0, calibration.p1 != 0 else {
            throw device.error(.implausible("calibration words T1 or P1 are zero"), "read calibration")
        }
        self.variant = variant
        self.calibration = calibration
        self.device = device
    }

    /// After power-on the chip copies its calibration from NVM into the registers; reading before that
    /// finishes (status bit 0) returns a half-copied set.
    private static func waitForCalibrationCopy(_ device: RegisterDevice) throws(SensorError) {
        for _ in 0..<10 {
            if try device.readByte(Register.status, "read status") & 0x01 == 0 { return }
            device.pause(microseconds: 1000)
        }
        throw device.error(.conversionTimeout, "wait for calibration copy")
    }

    /// Runs one forced-mode measurement with ×1 oversampling on every sensor and compensates it.
    public func measure() throws(SensorError) -> BME280Reading {
        if variant == .bme280 {
            // Humidity oversampling only takes effect on the next write to ctrl_meas, so it goes first.
            try device.writeByte(Register.controlHumidity, 0x01, "set humidity oversampling")
        }
        try device.writeByte(Register.controlMeasurement, 0b001_001_01, "start forced measurement")
        try waitForMeasurement()
        let count = variant == .bme280 ? 8 : 6
        let raw = try device.readBlock(Register.data, count: count, "read measurement")
        return try compensate(raw)
    }

    /// ×1 oversampling on all three sensors takes at most 9.3 ms (datasheet appendix B).
    private func waitForMeasurement() throws(SensorError) {
        device.pause(microseconds: 9_300)
        for _ in 0..<10 {
            if try device.readByte(Register.status, "read status") & 0x08 == 0 { return }
            device.pause(microseconds: 2_000)
        }
        throw device.error(.conversionTimeout, "wait for forced measurement")
    }

    private func compensate(_ raw: [UInt8]) throws(SensorError) -> BME280Reading {
        func twentyBit(_ i: Int) -> Int32 { Int32(raw[i]) << 12 | Int32(raw[i + 1]) << 4 | Int32(raw[i + 2]) >> 4 }
        let adcP = twentyBit(0), adcT = twentyBit(3)
        // 0x80000 is what the data registers hold when a measurement was skipped or never made.
        guard adcT != 0x80000, adcP != 0x80000 else { throw device.error(.noConversionYet, "read measurement") }
        let tFine = calibration.fineTemperature(adc: adcT)
        let centi = calibration.centidegrees(fineTemperature: tFine)
        guard let pressure = calibration.pressureQ24_8(adc: adcP, fineTemperature: tFine) else {
            throw device.error(.implausible("pressure calibration divides by zero"), "compensate pressure")
        }
        var humidity: RelativeHumidity?
        if variant == .bme280 {
            let adcH = Int32(raw[6]) << 8 | Int32(raw[7])
            guard adcH != 0x8000 else { throw device.error(.noConversionYet, "read humidity") }
            humidity = calibration.humidityQ22_10(adc: adcH, fineTemperature: tFine)
                .map { RelativeHumidity(Double($0) / 1024) }
        }
        return BME280Reading(temperature: DegreesCelsius(Double(centi) / 100),
                             pressure: Pascals(Double(pressure) / 256), humidity: humidity)
    }
}
