import BoardIO

/// One chip on one bus, as a driver talks to it: every failure comes back as a `SensorError` naming the chip,
/// bus and address, so drivers never assemble that context themselves.
struct RegisterDevice {
    let bus: any I2CBus
    let address: UInt8
    let chip: String

    func error(_ kind: SensorError.Kind, _ operation: String) -> SensorError {
        SensorError(kind, chip: chip, bus: bus.path, address: address, operation: operation)
    }

    private func lift(_ error: I2CError, _ operation: String) -> SensorError {
        self.error(.bus(error.kind), operation)
    }

    func readByte(_ register: UInt8, _ operation: String) throws(SensorError) -> UInt8 {
        do { return try bus.readByte(address: address, register: register) } catch { throw lift(error, operation) }
    }

    func writeByte(_ register: UInt8, _ value: UInt8, _ operation: String) throws(SensorError) {
        do { try bus.writeByte(address: address, register: register, value: value) } catch { throw lift(error, operation) }
    }

    func readBlock(_ register: UInt8, count: Int, _ operation: String) throws(SensorError) -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try bus.readBlock(address: address, register: register, count: count) } catch {
            throw lift(error, operation)
        }
        // A short block read would silently shift every field decoded from it.
        guard bytes.count == count else { throw self.error(.bus(.other(errno: 5)), operation) }
        return bytes
    }

    /// Big-endian chips (TI's) send the high byte first, which an SMBus word read puts in the low byte.
    func readBigEndianWord(_ register: UInt8, _ operation: String) throws(SensorError) -> UInt16 {
        do { return try bus.readWord(address: address, register: register).byteSwapped } catch {
            throw lift(error, operation)
        }
    }

    func writeBigEndianWord(_ register: UInt8, _ value: UInt16, _ operation: String) throws(SensorError) {
        do { try bus.writeWord(address: address, register: register, value: value.byteSwapped) } catch {
            throw lift(error, operation)
        }
    }

    func transfer(write: [UInt8], readCount: Int, _ operation: String) throws(SensorError) -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try bus.transfer(address: address, write: write, readCount: readCount) } catch {
            throw lift(error, operation)
        }
        guard bytes.count == readCount else { throw self.error(.bus(.other(errno: 5)), operation) }
        return bytes
    }
}
