import BoardIO
import GatewayCore

/// TI TMP117 precision thermometer (±0.1 °C), read in its power-on continuous mode: it converts every second
/// with 8× averaging by itself, so a read returns the latest averaged result without starting anything.
public final class TMP117 {
    enum Register {
        static let temperature: UInt8 = 0x00
        static let deviceID: UInt8 = 0x0F
    }

    public static let addresses: [UInt8] = [0x48, 0x49, 0x4A, 0x4B]
    /// Device id bits 11:0; bits 15:12 hold the silicon revision, which may change between lots.
    public static let deviceID: UInt16 = 0x117
    /// One LSB is 7.8125 m°C (1/128 °C).
    public static let degreesPerLSB = 0.0078125
    /// What the channel publishes at (MeasurementResolution): one LSB.
    public static let temperatureResolution = DegreesCelsius(degreesPerLSB)
    /// The result register's reset value: no conversion has completed yet.
    static let powerOnResult: UInt16 = 0x8000

    private let device: RegisterDevice

    /// Checks the device id, which also tells a TMP117 apart from an ADS1115 sharing the 0x48–0x4B range.
    public init(bus: any I2CBus, address: UInt8) throws(SensorError) {
        device = RegisterDevice(bus: bus, address: address, chip: "TMP117")
        let id = try device.readBigEndianWord(Register.deviceID, "read device id")
        guard id & 0x0FFF == Self.deviceID else {
            throw device.error(.wrongChip(expected: "device id 0x0117", found: "0x\(hex(id))"), "read device id")
        }
    }

    public func measure() throws(SensorError) -> DegreesCelsius {
        let raw = try device.readBigEndianWord(Register.temperature, "read temperature")
        guard raw != Self.powerOnResult else { throw device.error(.noConversionYet, "read temperature") }
        return Self.temperature(raw: raw)
    }

    public static func temperature(raw: UInt16) -> DegreesCelsius {
        DegreesCelsius(Double(Int16(bitPattern: raw)) * degreesPerLSB)
    }
}
