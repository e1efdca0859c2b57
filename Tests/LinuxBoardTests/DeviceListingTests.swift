import Foundation
import LinuxBoard
import Testing

@Suite struct DeviceListingTests {
    /// A throwaway directory standing in for /dev and /sys/class/i2c-dev, to test the listing logic itself.
    func makeTree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("linuxboard-\(UUID().uuidString)")
        for (relative, contents) in files {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: false, encoding: .utf8)
        }
        return root
    }

    @Test func adaptersAreNumberedInOrderWithTheirSysfsNames() throws {
        let root = try makeTree([
            "dev/i2c-10": "", "dev/i2c-2": "", "dev/i2c-1": "", "dev/i2c-x": "", "dev/tty0": "",
            "sys/i2c-1/name": "bcm2835 (i2c@7e804000)\n", "sys/i2c-10/name": "i2c-11-mux (chan_id 0)\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let adapters = I2CAdapterListing.adapters(deviceDirectory: root.path + "/dev", sysfsDirectory: root.path + "/sys")
        #expect(adapters.map(\.number) == [1, 2, 10])
        #expect(adapters.map(\.name) == ["bcm2835 (i2c@7e804000)", nil, "i2c-11-mux (chan_id 0)"])
        #expect(adapters.first?.path == root.path + "/dev/i2c-1")
    }

    @Test func aGPIONodeThatCannotBeOpenedIsReportedNotSkipped() throws {
        let root = try makeTree(["dev/gpiochip0": "not a character device"])
        defer { try? FileManager.default.removeItem(at: root) }
        let listing = GPIOChipListing.scan(deviceDirectory: root.path + "/dev")
        #expect(listing.chips.isEmpty)
        #expect(listing.problems.map(\.path) == [root.path + "/dev/gpiochip0"])
    }

    @Test func missingDirectoriesListNothing() {
        #expect(I2CAdapterListing.adapters(deviceDirectory: "/nonexistent", sysfsDirectory: "/nonexistent").isEmpty)
        #expect(GPIOChipListing.scan(deviceDirectory: "/nonexistent") == GPIOChipListing(chips: [], problems: []))
    }

    @Test func thisHostIsListedAndAnEmptyBoardIsSaidPlainly() {
        let report = ScanReport.gather { _, _ in nil }
        let hostAdapters = (try? FileManager.default.contentsOfDirectory(atPath: "/dev"))?
            .filter { $0.hasPrefix("i2c-") } ?? []
        #expect(report.adapters.count == hostAdapters.count)
        #expect(report.busScans.count + report.problems.count == report.adapters.count)
        if report.adapters.isEmpty {
            print("LinuxBoardTests: this host has no /dev/i2c-*; checked the empty report only")
            #expect(report.text.contains("No I2C adapters"))
        }
        if report.gpio.chips.isEmpty && report.gpio.problems.isEmpty {
            print("LinuxBoardTests: this host has no /dev/gpiochip*; checked the empty report only")
            #expect(report.text.contains("No GPIO chips"))
        } else {
            for chip in report.gpio.chips {
                #expect(chip.lines.map(\.offset) == (0..<UInt32(chip.lines.count)).map { $0 })
            }
        }
    }
}
