import GatewayCore
import SensorDrivers

/// A BME280/BMP280 register file: chip id, factory calibration, control registers and the raw ADC values a
/// forced measurement latches into 0xF7…0xFE. Raw values are settable directly or from a target reading.
public final class BME280Model: I2CDeviceModel {
    /// The calibration and raw values of the field brief's vector (25.08 °C, 100653.25 Pa), with humidity
    /// trimming typical of production parts.
    public static let referenceCalibration = BME280Calibration(
        t1: 27504, t2: 26435, t3: -1000, p1: 36477, p2: -10685, p3: 3024, p4: 2855, p5: 140, p6: -7,
        p7: 15500, p8: -14600, p9: 6000,
        humidity: .init(h1: 75, h2: 362, h3: 0, h4: 313, h5: 50, h6: 30))

    public let variant: BME280.Variant
    public let calibration: BME280Calibration
    public var adcTemperature: Int32 = 519_888
    public var adcPressure: Int32 = 415_148
    public var adcHumidity: Int32 = 32_000
    /// How many status reads report "measuring" after a forced start, to exercise the driver's polling.
    public var measuringStatusReads = 1
    public private(set) var measurementsTaken = 0

    private var registers = [UInt8](repeating: 0, count: 256)
    private var pointer: UInt8 = 0
    private var measuringReadsLeft = 0
    private var humidityOversamplingLatched: UInt8 = 0

    public init(variant: BME280.Variant = .bme280, calibration: BME280Calibration = referenceCalibration) {
        self.variant = variant
        self.calibration = calibration
        registers[0xD0] = variant == .bme280 ? 0x60 : 0x58
        writeCalibration()
        // Data registers hold the "skipped" pattern until the first measurement.
        registers.replaceSubrange(0xF7...0xFE, with: [0x80, 0, 0, 0x80, 0, 0, 0x80, 0])
    }

    private func writeCalibration() {
        let c = calibration
        let words: [UInt16] = [c.t1, UInt16(bitPattern: c.t2), UInt16(bitPattern: c.t3), c.p1]
            + [c.p2, c.p3, c.p4, c.p5, c.p6, c.p7, c.p8, c.p9].map { UInt16(bitPattern: $0) }
        for (i, word) in words.enumerated() {
            registers[0x88 + 2 * i] = UInt8(word & 0xFF)
            registers[0x89 + 2 * i] = UInt8(word >> 8)
        }
        guard variant == .bme280, let h = c.humidity else { return }
        registers[0xA1] = h.h1
        registers[0xE1] = UInt8(UInt16(bitPattern: h.h2) & 0xFF)
        registers[0xE2] = UInt8(UInt16(bitPattern: h.h2) >> 8)
        registers[0xE3] = h.h3
        registers[0xE4] = UInt8(truncatingIfNeeded: h.h4 >> 4)
        registers[0xE5] = UInt8(truncatingIfNeeded: h.h4 & 0x0F) | UInt8(truncatingIfNeeded: (h.h5 & 0x0F) << 4)
        registers[0xE6] = UInt8(truncatingIfNeeded: h.h5 >> 4)
        registers[0xE7] = UInt8(bitPattern: h.h6)
    }

    public func receive(_ bytes: [UInt8]) throws(DeviceNack) {
        guard let first = bytes.first else { return }
        if bytes.count == 1 { pointer = first; return }
        // Burst writes are register/value pairs.
        for i in stride(from: 0, to: bytes.count - 1, by: 2) { write(bytes[i], bytes[i + 1]) }
    }

    private func write(_ register: UInt8, _ value: UInt8) {
        switch register {
        case 0xE0 where value == 0xB6:
            registers[0xF2] = 0; registers[0xF4] = 0; registers[0xF5] = 0
        case 0xF2, 0xF5:
            registers[Int(register)] = value
        case 0xF4:
            registers[0xF4] = value
            humidityOversamplingLatched = registers[0xF2] & 0x07
            if value & 0x03 == 0x01 || value & 0x03 == 0x02 { startForcedMeasurement() }
        default:
            break
        }
    }

    private func startForcedMeasurement() {
        measuringReadsLeft = measuringStatusReads
        if measuringReadsLeft == 0 { finishMeasurement() }
    }

    private func finishMeasurement() {
        func put(_ raw: Int32, at register: Int) {
            registers[register] = UInt8(raw >> 12 & 0xFF)
            registers[register + 1] = UInt8(raw >> 4 & 0xFF)
            registers[register + 2] = UInt8(raw << 4 & 0xF0)
        }
        let oversampling = registers[0xF4]
        put(oversampling >> 2 & 0x07 == 0 ? 0x80000 : adcPressure, at: 0xF7)
        put(oversampling >> 5 & 0x07 == 0 ? 0x80000 : adcTemperature, at: 0xFA)
        if variant == .bme280 {
            let humidity = humidityOversamplingLatched == 0 ? 0x8000 : adcHumidity
            registers[0xFD] = UInt8(humidity >> 8 & 0xFF)
            registers[0xFE] = UInt8(humidity & 0xFF)
        }
        registers[0xF4] &= 0xFC
        measurementsTaken += 1
    }

    public func send(count: Int) throws(DeviceNack) -> [UInt8] {
        (0..<count).map { _ in
            defer { pointer &+= 1 }
            return read(pointer)
        }
    }

    private func read(_ register: UInt8) -> UInt8 {
        guard register == 0xF3 else { return registers[Int(register)] }
        guard measuringReadsLeft > 0 else { return 0 }
        measuringReadsLeft -= 1
        if measuringReadsLeft == 0 { finishMeasurement() }
        return 0x08
    }
}
