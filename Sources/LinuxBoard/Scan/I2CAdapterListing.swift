/// One `/dev/i2c-N` node and the adapter name the kernel gives it (e.g. "bcm2835 (i2c@7e804000)").
public struct I2CAdapter: Hashable, Sendable {
    public var number: Int
    public var path: String
    /// Nil when sysfs has no name for it (sysfs not mounted, or a node without a driver behind it).
    public var name: String?

    public init(number: Int, path: String, name: String?) {
        self.number = number
        self.path = path
        self.name = name
    }
}

/// Lists I2C adapters the way `i2cdetect -l` does, from device nodes and sysfs.
public enum I2CAdapterListing {
    /// The directories are parameters so a test can point them at a prepared tree.
    public static func adapters(deviceDirectory: String = "/dev",
                                sysfsDirectory: String = "/sys/class/i2c-dev") -> [I2CAdapter] {
        DeviceNodes.numbered("i2c-", in: deviceDirectory).map { number in
            I2CAdapter(number: number, path: "\(deviceDirectory)/i2c-\(number)",
                       name: DeviceNodes.firstLine(of: "\(sysfsDirectory)/i2c-\(number)/name"))
        }
    }
}
