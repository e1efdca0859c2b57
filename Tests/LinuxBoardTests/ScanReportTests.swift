import BoardIO
import FieldText
import LinuxBoard
import Testing

@Suite struct ScanReportTests {
    @Test func scanNamesEveryResponderThroughTheIdentifyHook() {
        let bus = ScriptedI2CBus(answering: [0x48, 0x76, 0x02])
        let scan = I2CBusScan.scan(bus) { _, address in address == 0x76 ? "BME280" : nil }
        #expect(scan.findings == [0x48: .device(name: nil), 0x76: .device(name: "BME280")])
        #expect(bus.probes.first == 0x08 && bus.probes.last == 0x77)  // reserved addresses are left alone
    }

    func report() -> ScanReport {
        let bus = ScriptedI2CBus(answering: [0x48, 0x76])
        let scan = I2CBusScan.scan(bus) { _, address in address == 0x76 ? "BME280" : nil }
        return ScanReport(
            adapters: [I2CAdapter(number: 1, path: "/dev/i2c-test", name: "bcm2835 (i2c@7e804000)"),
                       I2CAdapter(number: 2, path: "/dev/i2c-2", name: nil)],
            busScans: [scan],
            problems: [DeviceProblem(path: "/dev/i2c-2", reason: "Permission denied")],
            gpio: GPIOChipListing(chips: [], problems: []))
    }

    @Test func reportTextShowsTheGridAndTheNames() {
        let lines = report().text(in: .english).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("/dev/i2c-test  bcm2835 (i2c@7e804000)"))
        #expect(lines.contains("     0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f"))
        #expect(lines.contains("00:                         -- -- -- -- -- -- -- --"))
        #expect(lines.contains("40: -- -- -- -- -- -- -- -- 48 -- -- -- -- -- -- --"))
        #expect(lines.contains("70: -- -- -- -- -- -- 76 --"))
        #expect(lines.contains("  0x48  answers, not identified"))
        #expect(lines.contains("  0x76  BME280"))
        #expect(lines.contains("  not scanned: Permission denied"))
        #expect(lines.contains("No GPIO chips (no /dev/gpiochip*)."))
    }

    /// The same screen for a Japanese technician: the grid and the chips' names as they are, the words around
    /// them from the field catalogue.
    @Test func reportTextInJapanese() {
        let lines = report().text(in: .japanese).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "I2C アダプタ: 2")
        #expect(lines.contains("/dev/i2c-2  （sysfs にアダプタ名なし）"))
        #expect(lines.contains("40: -- -- -- -- -- -- -- -- 48 -- -- -- -- -- -- --"))
        #expect(lines.contains("  0x48  応答あり、型は不明"))
        #expect(lines.contains("  0x76  BME280"))
        #expect(lines.contains("  未スキャン: Permission denied"))
        #expect(lines.contains("GPIO チップがありません（/dev/gpiochip* がない）。"))
    }
}
