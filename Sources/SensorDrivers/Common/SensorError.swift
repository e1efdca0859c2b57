import BoardIO
import GatewayCore

/// A driver failure, worded for the technician at the cabinet: which chip, on which bus, at which address,
/// and what went wrong. A failed read is always one of these, never a NaN or a stale value.
public struct SensorError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The transfer itself failed (absent chip, stuck bus, wiring).
        case bus(I2CError.Kind)
        /// Something answered at the address, but not the chip the site file names.
        case wrongChip(expected: String, found: String)
        /// The chip's checksum over a reading did not match: the bytes were corrupted on the wire.
        case checksumMismatch(received: UInt8, computed: UInt8)
        /// A conversion was started but the chip never reported it finished.
        case conversionTimeout
        /// The chip still holds its power-on value: no conversion has finished since reset.
        case noConversionYet
        /// The input is at the end of the converter's range, so the true value is unknown.
        case inputOverRange
        /// The chip answered with something no working sensor produces (e.g. an all-zero calibration).
        case implausible(String)
        /// The site file asked for a setting the chip does not have.
        case unsupportedSetting(String)
        /// A 4–20 mA loop in a NAMUR NE 43 failure band: the wiring or the transmitter, not the converter.
        case loopCurrent(LoopFailure)
    }

    public var kind: Kind
    public var chip: String
    public var bus: String
    public var address: UInt8
    /// What the driver was doing, e.g. "read calibration".
    public var operation: String

    public init(_ kind: Kind, chip: String, bus: String, address: UInt8, operation: String) {
        self.kind = kind
        self.chip = chip
        self.bus = bus
        self.address = address
        self.operation = operation
    }

    public var description: String {
        let what: String
        switch kind {
        case .bus(let busKind):
            what = I2CError(busKind, bus: bus, address: address, operation: operation).description
            return "\(chip): \(what)"
        case .wrongChip(let expected, let found): what = "expected \(expected), found \(found)"
        case .checksumMismatch(let received, let computed):
            what = "CRC mismatch (received 0x\(hex(received)), computed 0x\(hex(computed))); check cable length and pull-ups"
        case .conversionTimeout: what = "conversion did not finish"
        case .noConversionYet: what = "no conversion has completed since power-on"
        case .inputOverRange: what = "input at the end of the converter range; reading clipped"
        case .implausible(let detail): what = "implausible data: \(detail)"
        case .unsupportedSetting(let setting): what = "unsupported setting: \(setting)"
        case .loopCurrent(let failure): what = failure.description
        }
        return "\(chip) on \(bus) address 0x\(hex(address)): \(operation): \(what)"
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return digits.count < 2 ? "0" + digits : digits
}

func hex(_ word: UInt16) -> String {
    let digits = String(word, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
