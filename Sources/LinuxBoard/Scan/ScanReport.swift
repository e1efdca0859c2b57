import BoardIO

/// What `sensor-gateway scan` found on this board: I2C adapters with their responders, and GPIO chips.
public struct ScanReport: Hashable, Sendable {
    public var adapters: [I2CAdapter]
    /// One per adapter that could be opened, in adapter order.
    public var busScans: [I2CBusScan]
    /// I2C adapters that exist but could not be opened, with the reason (GPIO ones are in `gpio.problems`).
    public var problems: [DeviceProblem]
    public var gpio: GPIOChipListing

    public init(adapters: [I2CAdapter], busScans: [I2CBusScan], problems: [DeviceProblem], gpio: GPIOChipListing) {
        self.adapters = adapters
        self.busScans = busScans
        self.problems = problems
        self.gpio = gpio
    }

    /// Scans every I2C adapter and lists every GPIO chip on this machine. Only reads: safe on a running site.
    public static func gather(addresses: ClosedRange<UInt8> = I2CBusScan.defaultAddresses,
                              identify: (I2CBus, UInt8) -> String?) -> ScanReport {
        let adapters = I2CAdapterListing.adapters()
        var scans: [I2CBusScan] = []
        var problems: [DeviceProblem] = []
        for adapter in adapters {
            do {
                let bus = try LinuxI2CBus(path: adapter.path)
                scans.append(I2CBusScan.scan(bus, addresses: addresses, identify: identify))
            } catch {
                problems.append(DeviceProblem(path: adapter.path, reason: error.description))
            }
        }
        let gpio = GPIOChipListing.scan()
        return ScanReport(adapters: adapters, busScans: scans, problems: problems, gpio: gpio)
    }
}
