import BoardIO

/// One address that acknowledged during a scan, with the chip recognised there (nil: something we have no
/// driver for, such as an RTC or an EEPROM on a HAT).
public struct ScannedDevice: Hashable, Sendable, CustomStringConvertible {
    public var bus: String
    public var address: UInt8
    public var chip: IdentifiedChip?
    public init(bus: String, address: UInt8, chip: IdentifiedChip?) {
        self.bus = bus
        self.address = address
        self.chip = chip
    }
    public var description: String { "\(bus) 0x\(hex(address)): \(chip?.rawValue ?? "unknown device")" }
}

extension ChipIdentification {
    /// The 7-bit addresses outside the ranges I2C reserves for special purposes.
    public static let ordinaryAddresses: ClosedRange<UInt8> = 0x08...0x77

    /// Probes every ordinary address without writing (as `i2cdetect -r` does) and identifies what answers.
    public static func scan(bus: any I2CBus) -> [ScannedDevice] {
        ordinaryAddresses.filter { bus.probe(address: $0) }.map {
            ScannedDevice(bus: bus.path, address: $0, chip: identify(bus: bus, address: $0))
        }
    }
}
