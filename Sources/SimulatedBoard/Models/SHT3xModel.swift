import GatewayCore
import SensorDrivers

/// An SHT3x answering the commands the driver and the scan use. A measurement result can be read once; a read
/// with nothing to return is not acknowledged, as on the chip.
public final class SHT3xModel: I2CDeviceModel {
    public var rawTemperature: UInt16
    public var rawHumidity: UInt16
    /// Alert-pending and reset-detected set, as after power-on.
    public var status: UInt16 = 0x8010
    /// Reads refused after a measurement command before the result is ready.
    public var notReadyReads = 0
    /// Flips the CRC of every word sent, as a noisy cable would corrupt it.
    public var corruptChecksums = false

    private var output: [UInt8]?
    private var refusalsLeft = 0

    public init(temperature: DegreesCelsius = DegreesCelsius(21), humidity: RelativeHumidity = RelativeHumidity(55)) {
        rawTemperature = 0
        rawHumidity = 0
        set(temperature: temperature)
        set(humidity: humidity)
    }

    public func set(temperature: DegreesCelsius) {
        rawTemperature = Self.raw((temperature.value + 45) / 175)
    }

    public func set(humidity: RelativeHumidity) {
        rawHumidity = Self.raw(humidity.value / 100)
    }

    private static func raw(_ fraction: Double) -> UInt16 {
        UInt16((clampedToRegister(fraction, 0...1) * 65535).rounded())
    }

    public func receive(_ bytes: [UInt8]) throws(DeviceNack) {
        guard bytes.count == 2 else { throw DeviceNack("SHT3x commands are two bytes") }
        switch UInt16(bytes[0]) << 8 | UInt16(bytes[1]) {
        case 0x2400, 0x240B, 0x2416:
            output = words([rawTemperature, rawHumidity])
            refusalsLeft = notReadyReads
        case 0xF32D:
            output = words([status])
            refusalsLeft = 0
        case 0x3041:
            status &= 0x7FEF
        case 0x30A2:
            status = 0x8010
            output = nil
        default:
            throw DeviceNack("unknown SHT3x command")
        }
    }

    public func send(count: Int) throws(DeviceNack) -> [UInt8] {
        guard let bytes = output else { throw DeviceNack("no result to read") }
        guard refusalsLeft == 0 else {
            refusalsLeft -= 1
            throw DeviceNack("measurement in progress")
        }
        output = nil
        return Array(bytes.prefix(count))
    }

    private func words(_ values: [UInt16]) -> [UInt8] {
        values.flatMap { word -> [UInt8] in
            let crc = SensirionCRC8.checksum(word: word)
            return [UInt8(word >> 8), UInt8(word & 0xFF), corruptChecksums ? ~crc : crc]
        }
    }
}
