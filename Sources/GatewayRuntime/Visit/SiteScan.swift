import BoardIO
import FieldText
import GatewayCore
import LinuxBoard
import SensorDrivers

/// `scan --config`: every chip and pulse line a site file declares, checked against what answers on the board.
public struct SiteScan: Sendable {
    public enum Finding: Hashable, Sendable {
        /// The expected chip answers and identifies itself.
        case identified(String)
        /// Nothing answers at the address.
        case silent
        /// Something answers, but not the chip the site file names (`found` nil: not identified at all).
        case wrongChip(found: String?)
        /// The bus itself could not be opened.
        case cannotOpenBus(String)
    }

    /// One chip of the site (a chip may feed several channels).
    public struct Chip: Hashable, Sendable {
        public var device: I2CDeviceAddress
        public var expected: String
        public var channels: [ChannelID]
        public var finding: Finding
        public var matches: Bool { if case .identified = finding { true } else { false } }
    }

    /// One pulse line of the site and what it did while the scan listened.
    public struct Line: Hashable, Sendable {
        public var channel: ChannelID
        public var reference: GPIOLineReference
        public var edges: Int
        public var pulses: UInt64
        /// The level the last edge left the line at (true: active); nil when no edge came.
        public var lastLevelActive: Bool?
        /// Why the line could not be watched, nil when it could.
        public var problem: String?
    }

    /// A device that answers on a site's bus although no channel uses its address.
    public struct Extra: Hashable, Sendable {
        public var bus: String
        public var address: UInt8
        public var name: String?
    }

    public var site: Site
    public var chips: [Chip]
    public var lines: [Line]
    public var extras: [Extra]
    public var listenSeconds: Double

    /// Exit statuses of `scan --config`, documented in its help.
    public static let matchesStatus: Int32 = 0
    public static let mismatchStatus: Int32 = 3

    /// Chips that are not the expected one, and lines that cannot be watched.
    public var problemCount: Int {
        chips.filter { !$0.matches }.count + lines.filter { $0.problem != nil }.count
    }

    public var exitStatus: Int32 { problemCount == 0 ? Self.matchesStatus : Self.mismatchStatus }

    /// Scans each bus the site uses, then listens to every pulse line for `listenSeconds` (0: only opens them).
    /// `pulseLines` false leaves the lines alone (a running gateway holds them).
    public static func run(site: Site, on hardware: VisitHardware, listenSeconds: Double,
                           pulseLines: Bool = true) -> SiteScan {
        var chips: [Chip] = []
        var extras: [Extra] = []
        var busOrder: [String] = []
        for channel in site.channels {
            guard let (device, chip) = expectedChip(channel.driver) else { continue }
            if !busOrder.contains(device.busPath) { busOrder.append(device.busPath) }
            if let i = chips.firstIndex(where: { $0.device == device }) {
                chips[i].channels.append(channel.id)
                if chips[i].expected == "BMP280", chip == "BME280" { chips[i].expected = chip }
            } else {
                chips.append(Chip(device: device, expected: chip, channels: [channel.id], finding: .silent))
            }
        }
        for path in busOrder {
            let bus: any I2CBus
            do { bus = try hardware.i2c.openBus(path) } catch {
                for i in chips.indices where chips[i].device.busPath == path { chips[i].finding = .cannotOpenBus(error.description) }
                continue
            }
            let found = I2CBusScan.scan(bus) { bus, address in ChipIdentification.identify(bus: bus, address: address)?.rawValue }
            for (address, finding) in found.findings {
                let name: String? = if case .device(let n) = finding { n } else { FieldText.say(.scanKernelDriverName) }
                if let i = chips.firstIndex(where: { $0.device.busPath == path && $0.device.address == address }) {
                    chips[i].finding = accepts(chips[i].expected, name) ? .identified(name ?? chips[i].expected) : .wrongChip(found: name)
                } else {
                    extras.append(Extra(bus: path, address: address, name: name))
                }
            }
        }
        extras.sort { ($0.bus, $0.address) < ($1.bus, $1.address) }
        let lines = pulseLines ? PulseLineListener.listen(site: site, on: hardware, seconds: listenSeconds) : []
        return SiteScan(site: site, chips: chips, lines: lines, extras: extras, listenSeconds: listenSeconds)
    }

    /// A BMP280 is accepted where a BME280 is named only for pressure and temperature (the site then names it BMP280).
    static func accepts(_ expected: String, _ found: String?) -> Bool {
        found == expected || (expected == "BMP280" && found == "BME280")
    }

    static func expectedChip(_ driver: DriverSpec) -> (I2CDeviceAddress, String)? {
        switch driver {
        case .bme280(let a, let measure): (a, measure == .humidity ? "BME280" : "BMP280")
        case .sht3x(let a, _): (a, "SHT3x")
        case .tmp117(let a): (a, "TMP117")
        case .ads1115(let a, _, _, _, _, _): (a, "ADS1115")
        case .pulseFlow, .pulseEnergy: nil
        }
    }
}
