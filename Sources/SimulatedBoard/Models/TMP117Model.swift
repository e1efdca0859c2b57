import GatewayCore
import SensorDrivers

/// A TMP117's 16-bit registers, sent high byte first as the chip does.
public final class TMP117Model: I2CDeviceModel {
    /// Reset values (datasheet §7.6): result 0x8000 until the first conversion, config 0x0220, limits
    /// 0x6000 / 0x8000, device id 0x0117.
    private var registers: [UInt8: UInt16] = [
        0x00: 0x8000, 0x01: 0x0220, 0x02: 0x6000, 0x03: 0x8000, 0x04: 0x0000, 0x05: 0x0000,
        0x06: 0x0000, 0x07: 0x0000, 0x08: 0x0000, 0x0F: 0x0117,
    ]
    private var pointer: UInt8 = 0

    /// A model whose first conversion has finished at `temperature`.
    public init(temperature: DegreesCelsius = DegreesCelsius(25)) {
        set(temperature: temperature)
    }

    /// The raw temperature result register (0x8000 means no conversion since power-on).
    public var resultRegister: UInt16 {
        get { registers[0x00]! }
        set { registers[0x00] = newValue }
    }

    public func set(temperature: DegreesCelsius) {
        let lsbs = (temperature.value / TMP117.degreesPerLSB).rounded()
        resultRegister = UInt16(bitPattern: Int16(clampedToRegister(lsbs, -32767...32767)))
    }

    public func receive(_ bytes: [UInt8]) throws(DeviceNack) {
        guard let register = bytes.first else { return }
        guard registers[register] != nil else { throw DeviceNack("no TMP117 register 0x\(String(register, radix: 16))") }
        pointer = register
        guard bytes.count == 3 else { return }
        guard register != 0x00, register != 0x0F else { return }
        registers[register] = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
    }

    public func send(count: Int) throws(DeviceNack) -> [UInt8] {
        let word = registers[pointer]!
        return (0..<count).map { $0 % 2 == 0 ? UInt8(word >> 8) : UInt8(word & 0xFF) }
    }
}
