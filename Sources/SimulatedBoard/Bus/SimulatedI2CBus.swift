import BoardIO

/// An I2C adapter hosting device models by address. SMBus calls become the write and read phases a Linux
/// adapter would put on the wire, including SMBus's little-endian word order.
public final class SimulatedI2CBus: I2CBus {
    public let path: String
    /// False on a simulated clock (`SimulatedTimeBase`): the models convert at once, and time is the loop's to move.
    public var conversionsTakeRealTime = true
    private var models: [UInt8: any I2CDeviceModel] = [:]
    private var faults: [UInt8: InjectedFault] = [:]
    /// Every write phase that carried more than a register pointer, in order: what a scan must not do.
    public private(set) var dataWrites: [(address: UInt8, bytes: [UInt8])] = []

    private struct InjectedFault {
        var kind: I2CError.Kind
        var remaining: Int?
    }

    public init(path: String) {
        self.path = path
    }

    public func attach(_ model: any I2CDeviceModel, at address: UInt8) {
        models[address] = model
    }

    public func detach(address: UInt8) {
        models[address] = nil
    }

    public func model(at address: UInt8) -> (any I2CDeviceModel)? {
        models[address]
    }

    /// Makes transfers to `address` fail with `kind`, for the next `times` transfers or until cleared.
    public func injectFault(_ kind: I2CError.Kind, at address: UInt8, times: Int? = nil) {
        faults[address] = InjectedFault(kind: kind, remaining: times)
    }

    public func clearFault(at address: UInt8) {
        faults[address] = nil
    }

    private func transaction<T>(_ address: UInt8, _ operation: String,
                                _ body: (any I2CDeviceModel) throws(DeviceNack) -> T) throws(I2CError) -> T {
        if var fault = faults[address] {
            if let remaining = fault.remaining {
                fault.remaining = remaining - 1
                faults[address] = remaining > 1 ? fault : nil
            }
            throw I2CError(fault.kind, bus: path, address: address, operation: operation)
        }
        guard let model = models[address] else {
            throw I2CError(.noAcknowledge, bus: path, address: address, operation: operation)
        }
        do {
            return try body(model)
        } catch {
            throw I2CError(.noAcknowledge, bus: path, address: address, operation: operation)
        }
    }

    private func write(_ model: any I2CDeviceModel, _ address: UInt8, _ bytes: [UInt8]) throws(DeviceNack) {
        if bytes.count > 1 { dataWrites.append((address, bytes)) }
        try model.receive(bytes)
    }

    public func readByte(address: UInt8, register: UInt8) throws(I2CError) -> UInt8 {
        try transaction(address, "read byte 0x\(String(register, radix: 16))") { model throws(DeviceNack) in
            try write(model, address, [register])
            return try model.send(count: 1)[0]
        }
    }

    public func writeByte(address: UInt8, register: UInt8, value: UInt8) throws(I2CError) {
        try transaction(address, "write byte 0x\(String(register, radix: 16))") { model throws(DeviceNack) in
            try write(model, address, [register, value])
        }
    }

    public func readWord(address: UInt8, register: UInt8) throws(I2CError) -> UInt16 {
        try transaction(address, "read word 0x\(String(register, radix: 16))") { model throws(DeviceNack) in
            try write(model, address, [register])
            let bytes = try model.send(count: 2)
            return UInt16(bytes[0]) | UInt16(bytes[1]) << 8
        }
    }

    public func writeWord(address: UInt8, register: UInt8, value: UInt16) throws(I2CError) {
        try transaction(address, "write word 0x\(String(register, radix: 16))") { model throws(DeviceNack) in
            try write(model, address, [register, UInt8(value & 0xFF), UInt8(value >> 8)])
        }
    }

    public func readBlock(address: UInt8, register: UInt8, count: Int) throws(I2CError) -> [UInt8] {
        let operation = "block read 0x\(String(register, radix: 16))"
        // The Linux I2C_SMBUS_I2C_BLOCK_DATA transfer carries at most 32 bytes.
        guard (1...32).contains(count) else { throw I2CError(.unsupported, bus: path, address: address, operation: operation) }
        return try transaction(address, operation) { model throws(DeviceNack) in
            try write(model, address, [register])
            return try model.send(count: count)
        }
    }

    public func transfer(address: UInt8, write bytes: [UInt8], readCount: Int) throws(I2CError) -> [UInt8] {
        try transaction(address, "transfer") { model throws(DeviceNack) in
            if !bytes.isEmpty { try write(model, address, bytes) }
            return readCount > 0 ? try model.send(count: readCount) : []
        }
    }

    public func probe(address: UInt8) -> Bool {
        models[address] != nil && faults[address] == nil
    }
}
