import BoardIO

/// Which addresses answer on one bus, and what the identification hook made of them.
public struct I2CBusScan: Hashable, Sendable {
    public enum Finding: Hashable, Sendable {
        /// Answered a read-byte probe; `name` is what the identify hook recognised, nil if nothing.
        case device(name: String?)
        /// Bound by a kernel driver (i2cdetect's "UU"): present, but not ours to read.
        case claimedByKernelDriver
    }

    /// Addresses a scan visits unless told otherwise: i2cdetect's default range, which leaves out the reserved
    /// 0x00-0x07 and 0x78-0x7F blocks.
    public static let defaultAddresses: ClosedRange<UInt8> = 0x08...0x77

    public var bus: String
    public var addresses: ClosedRange<UInt8>
    public var findings: [UInt8: Finding]
    /// Set when the bus was not scanned at all, with the reason for the technician.
    public var notScanned: String?

    public init(bus: String, addresses: ClosedRange<UInt8>, findings: [UInt8: Finding], notScanned: String? = nil) {
        self.bus = bus
        self.addresses = addresses
        self.findings = findings
        self.notScanned = notScanned
    }

    /// Probes every address without writing and asks `identify` to name each responder.
    /// `identify` is the hook for chip identification by ID registers (SensorDrivers); it may read, never write.
    public static func scan(_ bus: I2CBus, addresses: ClosedRange<UInt8> = defaultAddresses,
                            identify: (I2CBus, UInt8) -> String?) -> I2CBusScan {
        // A Linux adapter can also tell "claimed by a driver" apart and may be unable to probe safely;
        // any other bus (the simulated board) only answers yes or no.
        let linux = bus as? LinuxI2CBus
        if let linux, !linux.functionality.contains(.smbusReadByte) {
            return I2CBusScan(bus: bus.path, addresses: addresses, findings: [:],
                              notScanned: "adapter cannot do SMBus read-byte, and probing by writing is not allowed")
        }
        var findings: [UInt8: Finding] = [:]
        for address in addresses {
            if let linux {
                switch linux.addressStatus(address) {
                case .answering: findings[address] = .device(name: identify(bus, address))
                case .claimedByKernelDriver: findings[address] = .claimedByKernelDriver
                case .silent, .cannotProbe: break
                }
            } else if bus.probe(address: address) {
                findings[address] = .device(name: identify(bus, address))
            }
        }
        return I2CBusScan(bus: bus.path, addresses: addresses, findings: findings)
    }
}
