import BoardIO
import GatewayCore

public struct SHT3xReading: Hashable, Sendable {
    public var temperature: DegreesCelsius
    public var humidity: RelativeHumidity
    public init(temperature: DegreesCelsius, humidity: RelativeHumidity) {
        self.temperature = temperature
        self.humidity = humidity
    }
}

/// Sensirion SHT30/31/35. The chip is command-addressed, not register-addressed, so every exchange is a plain
/// I2C transfer. Single-shot mode without clock stretching: many Linux I2C adapters (the Raspberry Pi's among
/// them) mishandle stretching, so the driver waits and retries the read instead.
public final class SHT3x {
    enum Command {
        static let singleShotHighRepeatability: [UInt8] = [0x24, 0x00]
        static let readStatus: [UInt8] = [0xF3, 0x2D]
    }

    public static let addresses: [UInt8] = [0x44, 0x45]
    /// One code of the 16-bit results (175 °C and 100 %RH over 65535 codes): what the channels publish at.
    public static let temperatureResolution = DegreesCelsius(175.0 / 65535)
    public static let humidityResolution = RelativeHumidity(100.0 / 65535)
    private let device: RegisterDevice

    public init(bus: any I2CBus, address: UInt8) {
        device = RegisterDevice(bus: bus, address: address, chip: "SHT3x")
    }

    public func measure() throws(SensorError) -> SHT3xReading {
        _ = try device.transfer(write: Command.singleShotHighRepeatability, readCount: 0, "start measurement")
        // High repeatability takes at most 15.5 ms; until then the chip does not acknowledge a read.
        device.pause(microseconds: 15_500)
        let bytes = try readWhenReady()
        let rawTemperature = try checkedWord(bytes[0...2], "read temperature")
        let rawHumidity = try checkedWord(bytes[3...5], "read humidity")
        return SHT3xReading(temperature: DegreesCelsius(-45 + 175 * Double(rawTemperature) / 65535),
                            humidity: RelativeHumidity(100 * Double(rawHumidity) / 65535))
    }

    /// The status word (alert, heater, reset-detected flags). Reading it changes nothing on the chip, which
    /// makes it the safe way to confirm an SHT3x is what answers at the address.
    public func readStatus() throws(SensorError) -> UInt16 {
        let bytes = try device.transfer(write: Command.readStatus, readCount: 3, "read status")
        return try checkedWord(bytes[0...2], "read status")
    }

    private func readWhenReady() throws(SensorError) -> [UInt8] {
        var attempts = 0
        while true {
            do {
                return try device.transfer(write: [], readCount: 6, "read measurement")
            } catch let error where error.kind == .bus(.noAcknowledge) && attempts < 5 {
                attempts += 1
                device.pause(microseconds: 2_000)
            }
        }
    }

    private func checkedWord(_ bytes: ArraySlice<UInt8>, _ operation: String) throws(SensorError) -> UInt16 {
        let i = bytes.startIndex
        let word = UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
        let computed = SensirionCRC8.checksum(word: word)
        guard computed == bytes[i + 2] else {
            throw device.error(.checksumMismatch(received: bytes[i + 2], computed: computed), operation)
        }
        return word
    }
}
