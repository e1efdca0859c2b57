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
        abstract: .scan, discussion: .scanDiscussion,
        options: [
            .optional("config", help: .scanConfig),
            .optional("listen", .decimal, help: .scanListen, defaultValue: "3"),
            .flag("simulate", help: .scanSimulate),
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
