import BoardIO

/// Opens `/dev/i2c-N` adapters for the runtime; each call opens a fresh file descriptor.
public final class LinuxI2CBusProvider: I2CBusProvider {
    public init() {}

    public func openBus(_ path: String) throws(I2CError) -> I2CBus {
        try LinuxI2CBus(path: path)
    }
}
