import Foundation
import Testing
@testable import SiteConfig

/// A site file and board file written to a fresh temporary folder laid out like the repository's `Board/`.
struct TempSite {
    static let board = """
        board: test-board
        i2c:
          sensors: /dev/i2c-1
        gpio:
          pulse-1: { chip: gpiochip0, line: 17 }
          pulse-2: { chip: gpiochip0, line: 27 }
          pulse-3: { chip: gpiochip0, line: 22 }
        """

    /// Seven lines, so the first channel's `- id:` is on line 8 and its keys start in column 5.
    static let header = """
        site:
          id: test-site
          kind: well
          municipality: Kumamoto
        device: test-gw1
        board: test-board
        channels:

        """

    let root: String
    var sitePath: String { root + "/Board/sites/test.yaml" }
    var boardPath: String { root + "/Board/test-board.yaml" }

    init(site: String, board: String? = TempSite.board) throws {
        root = NSTemporaryDirectory() + "siteconfig-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/Board/sites", withIntermediateDirectories: true)
        try site.write(toFile: sitePath, atomically: true, encoding: .utf8)
        if let board { try board.write(toFile: boardPath, atomically: true, encoding: .utf8) }
    }

    /// A site whose `channels:` list is `channels` (YAML lines, indented as list items under `channels:`).
    init(channels: String) throws {
        try self.init(site: TempSite.header + channels)
    }

    func load() -> Result<LoadedSite, SiteConfigErrors> {
        Result { () throws(SiteConfigErrors) in try SiteLoader.load(siteFile: sitePath) }
    }

    /// Every error message, as the gateway would print it.
    func errors() -> [String] {
        switch load() {
        case .success: []
        case .failure(let errors): errors.errors.map(\.description)
        }
    }
}

/// Checks that loading fails with exactly `expected`, each written without the site file's path, which is
/// prefixed here (`"8:5: channels[0].driver: ..."`).
func expectSiteErrors(_ site: TempSite, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(site.errors() == expected.map { site.sitePath + ":" + $0 }, sourceLocation: sourceLocation)
}

/// A channel that passes every check, to append to a site when a test needs a second, valid channel.
let validBarometer = """
      - id: barometer
        driver: bme280
        bus: sensors
        address: 0x76
        measure: pressure
        quantity: pressure
        unit: Pa
        interval: 60s

    """

/// One `channels:` list item from `key: value` lines. In a site built with `TempSite(channels:)` the first
/// channel's line `i` (0-based) is file line 8 + i, column 5.
func channel(_ lines: [String]) -> String {
    "  - " + lines.joined(separator: "\n    ") + "\n"
}

/// The keys of a valid pulse-flow channel, to vary one key at a time.
let pulseFlowKeys = [
    "id: inflow", "driver: pulse-flow", "line: pulse-1", "quantity: volume", "unit: m3", "interval: 15s",
    "pulses-per-litre: 0.1",
]

/// The keys of a valid ADS1115 4–20 mA channel.
let ads1115Keys = [
    "id: level", "driver: ads1115", "bus: sensors", "address: 0x48", "input: AIN0", "full-scale: 4.096",
    "data-rate: 128", "shunt-ohms: 150", "range: { lrv: 0, urv: 10 }", "quantity: water-level", "unit: m",
    "interval: 60s",
]

/// The keys of a valid primary-side pulse-energy channel.
let pulseEnergyKeys = [
    "id: grid-import", "driver: pulse-energy", "line: pulse-1", "quantity: energy", "unit: kWh", "interval: 30s",
    "impulses-per-kwh: 1000", "side: primary",
]

/// `keys` with the line starting `key:` replaced by `replacement` (or removed when it is nil).
func replacing(_ key: String, with replacement: String?, in keys: [String]) -> [String] {
    keys.compactMap { $0.hasPrefix(key + ":") ? replacement : $0 }
}
