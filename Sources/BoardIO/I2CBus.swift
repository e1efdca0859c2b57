import GatewayCore

/// Why an I2C transfer failed, mapped from errno so the technician learns whether the chip is absent
/// (no acknowledge), the bus is stuck (timeout) or wiring is bad (bus error).
public struct I2CError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case noAcknowledge
        case timeout
        case busError
        case cannotOpenBus
        case unsupported
        case other(errno: Int32)
    }
    public var kind: Kind
    public var bus: String
    public var address: UInt8?
    public var operation: String

    public init(_ kind: Kind, bus: String, address: UInt8?, operation: String) {
        self.kind = kind
        self.bus = bus
        self.address = address
        self.operation = operation
    }

    /// Transient errors are worth a bounded retry; the others will not go away by themselves.
    public var isTransient: Bool {
        switch kind {
        case .timeout, .busError, .other: true
        case .noAcknowledge, .cannotOpenBus, .unsupported: false
        }
    }

    public var description: String {
        let what: String
        switch kind {
        case .noAcknowledge: what = "no device acknowledged"
        case .timeout: what = "timed out (SDA or SCL held low?)"
        case .busError: what = "bus error (check wiring and pull-ups)"
        case .cannotOpenBus:
            what = "cannot open the bus (no such adapter: enable I2C in the device tree and load i2c-dev;"
                + " permission denied: add the service user to the i2c group)"
        case .unsupported: what = "the adapter does not support this transfer"
        case .other(let e): what = "failed with errno \(e)"
        }
        var at = bus
        if let a = address {
            let hex = String(a, radix: 16)
            at += " address 0x" + (hex.count < 2 ? "0" + hex : hex)
        }
        return "I2C \(operation) on \(at): \(what)"
    }
}

/// One I2C adapter (`/dev/i2c-N` on Linux, a set of device models in simulation).
/// Word transfers use SMBus byte order (little-endian); drivers of big-endian chips swap.
public protocol I2CBus: AnyObject {
    var path: String { get }
    func readByte(address: UInt8, register: UInt8) throws(I2CError) -> UInt8
    func writeByte(address: UInt8, register: UInt8, value: UInt8) throws(I2CError)
    func readWord(address: UInt8, register: UInt8) throws(I2CError) -> UInt16
    func writeWord(address: UInt8, register: UInt8, value: UInt16) throws(I2CError)
    /// SMBus "I2C block read": `count` bytes starting at `register` (at most 32).
    func readBlock(address: UInt8, register: UInt8, count: Int) throws(I2CError) -> [UInt8]
    /// A plain I2C transaction (I2C_RDWR): write `write`, then read `readCount` bytes, for chips that are not
    /// register-addressed (SHT3x). Either half may be empty.
    func transfer(address: UInt8, write: [UInt8], readCount: Int) throws(I2CError) -> [UInt8]
    /// Whether a device answers at `address`, probed without writing to it (as `i2cdetect -r` does).
    func probe(address: UInt8) -> Bool
    /// Whether a chip's conversion takes real time on this bus (drivers then pause for it). A simulated board
    /// on a simulated clock converts within the frozen instant of a tick.
    var conversionsTakeRealTime: Bool { get }
}

extension I2CBus {
    public var conversionsTakeRealTime: Bool { true }
}
