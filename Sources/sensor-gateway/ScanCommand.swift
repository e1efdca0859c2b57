import BoardCommandLine
import FieldText
import GatewayCore
import GatewayRuntime
import LinuxBoard
import SensorDrivers
import SiteConfig
import BoardIO

/// `sensor-gateway scan`: what is wired to this board, first thing on every install; with `--config`, the board
/// checked against its site file.
struct ScanCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "scan",
        abstract: "List I2C buses and the chips that answer, and GPIO chips with their lines and consumers.",
        discussion: "Probes every address by reading one byte (like `i2cdetect -r`), never writing, so a running sensor is not disturbed. Known chips are named from their ID registers. Run it first on every install. With --config, every chip and pulse line the site file declares is checked: found and identified, silent, wrong chip, or devices no channel uses; pulse lines are listened to for --listen seconds. Exit status with --config: 0 the board matches the site file, 3 it does not, 2 the site file cannot be read. Messages are in Japanese when LANG, LC_MESSAGES or LC_ALL asks for ja_JP.",
        options: [
            .optional("config", help: "Site file to check the board against."),
            .optional("listen", .decimal, help: "With --config: seconds to listen to each pulse line.", defaultValue: "3"),
            .flag("simulate", help: "With --config: scan the simulated board built from the site file."),
        ])

    let arguments: ParsedArguments
    let siteFile: String?
    let listenSeconds: Double
    let simulate: Bool

    init(_ arguments: ParsedArguments) {
        self.arguments = arguments
        siteFile = arguments.text("config")
        listenSeconds = arguments.number("listen") ?? 3
        simulate = arguments.flag("simulate")
    }

    func validate() throws(UsageError) {
        if siteFile == nil && (simulate || arguments.text("listen") != nil) {
            throw arguments.invalid(FieldText.say(.visitNeedsConfig))
        }
        if !(listenSeconds >= 0 && listenSeconds <= 600) {
            throw arguments.invalid(FieldText.say(.optionSecondsRange, ["--listen", "\(listenSeconds)", "0", "600"]))
        }
    }

    func run() throws(CommandFailure) {
        guard let siteFile else {
            let report = ScanReport.gather { bus, address in
                ChipIdentification.identify(bus: bus, address: address)?.rawValue
            }
            print(report.text.hasSuffix("\n") ? String(report.text.dropLast()) : report.text)
            return
        }
        let loaded = try VisitSiteFile.load(siteFile)
        let hardware = VisitHardware.open(site: loaded.site, simulate: simulate)
        let pulseLines = loaded.site.channels.filter { $0.driver.isPulseCounter }.count
        if pulseLines > 0 && listenSeconds > 0 {
            print(FieldText.say(.scanListening, [String(pulseLines), SiteScan.secondsText(listenSeconds)]))
        }
        let scan = SiteScan.run(site: loaded.site, on: hardware, listenSeconds: listenSeconds)
        print(scan.text())
        if scan.exitStatus != 0 { throw .exit(scan.exitStatus) }
    }
}
