import BoardIO
import CI2C
import CSystem
import Platform

/// One `/dev/i2c-N` adapter driven through i2c-dev and libi2c's SMBus helpers.
///
/// Every operation selects the target address and transfers under one lock, because i2c-dev keeps the selected
/// address per open file: two sensors read from different threads must not interleave "select" and "read".
/// Nothing here traps on I/O: every failure becomes an `I2CError` naming bus, address and transfer.
public final class LinuxI2CBus: I2CBus, Sendable {
    public let path: String
    /// What the adapter can do, read once at open with I2C_FUNCS.
    public let functionality: I2CAdapterFunctionality
    private let descriptor: Int32
    /// The address i2c-dev currently targets (nil after a failed select), so repeated reads skip the ioctl.
    private let selectedAddress = Locked<UInt8?>(nil)

    public init(path: String) throws(I2CError) {
        let fd = sgw_open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            let code = sgw_errno()
            let hint = code == EACCES ? "; is the service user in the i2c group?" : ""
            throw I2CError(.cannotOpenBus, bus: path, address: nil,
                           operation: "open (\(ErrnoText.describe(code))\(hint))")
        }
        var mask: UInt = 0
        let status = withUnsafeMutablePointer(to: &mask) { sgw_ioctl_pointer(fd, UInt(I2C_FUNCS), $0) }
        guard status >= 0 else {
            let code = sgw_errno()
            close(fd)
            throw I2CError(.cannotOpenBus, bus: path, address: nil,
                           operation: "query functions (not an I2C adapter? \(ErrnoText.describe(code)))")
        }
        self.path = path
        self.descriptor = fd
        self.functionality = I2CAdapterFunctionality(rawValue: mask)
    }

    deinit {
        close(descriptor)
    }

    public func readByte(address: UInt8, register: UInt8) throws(I2CError) -> UInt8 {
        let fd = descriptor
        let value = try smbus("read byte", address: address, needs: .smbusReadByteData) {
            i2c_smbus_read_byte_data(fd, register)
        }
        return UInt8(truncatingIfNeeded: value)
    }

    public func writeByte(address: UInt8, register: UInt8, value: UInt8) throws(I2CError) {
        let fd = descriptor
        _ = try smbus("write byte", address: address, needs: .smbusWriteByteData) {
            i2c_smbus_write_byte_data(fd, register, value)
        }
    }

    public func readWord(address: UInt8, register: UInt8) throws(I2CError) -> UInt16 {
        let fd = descriptor
        let value = try smbus("read word", address: address, needs: .smbusReadWordData) {
            i2c_smbus_read_word_data(fd, register)
        }
        return UInt16(truncatingIfNeeded: value)
    }

    public func writeWord(address: UInt8, register: UInt8, value: UInt16) throws(I2CError) {
        let fd = descriptor
        _ = try smbus("write word", address: address, needs: .smbusWriteWordData) {
            i2c_smbus_write_word_data(fd, register, value)
        }
    }

    public func readBlock(address: UInt8, register: UInt8, count: Int) throws(I2CError) -> [UInt8] {
        let operation = "block read of \(count) bytes"
        guard count >= 0, count <= Int(I2C_SMBUS_BLOCK_MAX) else {
            throw I2CError(.unsupported, bus: path, address: address, operation: operation + " (SMBus allows 1 to 32)")
        }
        if count == 0 { return [] }
        let fd = descriptor
        var bytes = [UInt8](repeating: 0, count: count)
        let received = try bytes.withUnsafeMutableBufferPointer { (buffer) throws(I2CError) -> Int32 in
            let base = buffer.baseAddress
            return try smbus(operation, address: address, needs: .smbusReadI2CBlock) {
                i2c_smbus_read_i2c_block_data(fd, register, UInt8(count), base)
            }
        }
        guard received == count else {
            throw I2CError(.busError, bus: path, address: address, operation: operation + " (got \(received))")
        }
        return bytes
    }

    public func transfer(address: UInt8, write: [UInt8], readCount: Int) throws(I2CError) -> [UInt8] {
        let operation = "transfer (write \(write.count), read \(readCount))"
        // An empty transfer would go out as an SMBus quick write, which some chips treat as a command.
        guard !(write.isEmpty && readCount == 0) else {
            throw I2CError(.unsupported, bus: path, address: address, operation: operation + ": nothing to do")
        }
        // i2c-dev refuses messages over 8192 bytes; say so here instead of passing on a bare EINVAL.
        let maximum = 8192
        guard write.count <= maximum, readCount >= 0, readCount <= maximum else {
            throw I2CError(.unsupported, bus: path, address: address, operation: operation + " (at most 8192 each way)")
        }
        guard functionality.contains(.plainI2C) else {
            throw I2CError(.unsupported, bus: path, address: address, operation: operation + " (SMBus-only adapter)")
        }
        var outgoing = write
        var incoming = [UInt8](repeating: 0, count: readCount)
        let fd = descriptor
        let code: Int32 = outgoing.withUnsafeMutableBufferPointer { out in
            incoming.withUnsafeMutableBufferPointer { into in
                var messages: [i2c_msg] = []
                if out.count > 0 {
                    messages.append(i2c_msg(addr: UInt16(address), flags: 0, len: UInt16(out.count), buf: out.baseAddress))
                }
                if into.count > 0 {
                    messages.append(i2c_msg(addr: UInt16(address), flags: UInt16(I2C_M_RD), len: UInt16(into.count),
                                            buf: into.baseAddress))
                }
                return messages.withUnsafeMutableBufferPointer { list in
                    var request = i2c_rdwr_ioctl_data(msgs: list.baseAddress, nmsgs: UInt32(list.count))
                    let status = withUnsafeMutablePointer(to: &request) { sgw_ioctl_pointer(fd, UInt(I2C_RDWR), $0) }
                    return status < 0 ? sgw_errno() : 0
                }
            }
        }
        guard code == 0 else {
            throw I2CError(I2CErrnoMapping.kind(errno: code), bus: path, address: address, operation: operation)
        }
        return incoming
    }

    /// Probes by reading one byte, never writing, like `i2cdetect -r`: a quick write can flip a bit in some
    /// chips (write-protect on AT24RF08 EEPROMs, mode changes elsewhere), and the well head must stay untouched.
    public func probe(address: UInt8) -> Bool {
        addressStatus(address) == .answering
    }

    public enum AddressStatus: Hashable, Sendable {
        case silent
        case answering
        /// A kernel driver has bound this address (i2cdetect's "UU"); user space may not talk to it.
        case claimedByKernelDriver
        /// The adapter cannot do the read-byte probe, so the address cannot be checked safely.
        case cannotProbe
    }

    public func addressStatus(_ address: UInt8) -> AddressStatus {
        guard functionality.contains(.smbusReadByte) else { return .cannotProbe }
        let fd = descriptor
        do {
            _ = try smbus("probe", address: address, needs: .smbusReadByte) { i2c_smbus_read_byte(fd) }
            return .answering
        } catch {
            return error.kind == .other(errno: EBUSY) ? .claimedByKernelDriver : .silent
        }
    }

    /// Runs one libi2c call against `address`. libi2c returns the value, or -errno on failure.
    private func smbus(_ operation: String, address: UInt8, needs capability: I2CAdapterFunctionality,
                       _ call: () -> Int32) throws(I2CError) -> Int32 {
        guard functionality.contains(capability) else {
            throw I2CError(.unsupported, bus: path, address: address, operation: operation)
        }
        let fd = descriptor
        let bus = path
        return try selectedAddress.withLock { (selected: inout UInt8?) throws(I2CError) -> Int32 in
            if selected != address {
                guard sgw_ioctl_value(fd, UInt(I2C_SLAVE), Int(address)) >= 0 else {
                    let code = sgw_errno()
                    selected = nil
                    let why = code == EBUSY ? "select address (a kernel driver has claimed it)" : "select address"
                    throw I2CError(I2CErrnoMapping.kind(errno: code), bus: bus, address: address, operation: why)
                }
                selected = address
            }
            let result = call()
            guard result >= 0 else {
                throw I2CError(I2CErrnoMapping.kind(errno: -result), bus: bus, address: address, operation: operation)
            }
            return result
        }
    }
}
