import BoardCommandLine
import LinuxBoard
import SensorDrivers
import BoardIO

/// `sensor-gateway scan`: what is wired to this board, first thing on every install.
struct ScanCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "scan",
        abstract: "List I2C buses and the chips that answer, and GPIO chips with their lines and consumers.",
        discussion: "Probes every address by reading one byte (like `i2cdetect -r`), never writing, so a running sensor is not disturbed. Known chips are named from their ID registers. Run it first on every install.")

    init(_ arguments: ParsedArguments) {}

    func run() throws(CommandFailure) {
        let report = ScanReport.gather { bus, address in
            ChipIdentification.identify(bus: bus, address: address)?.rawValue
        }
        print(report.text.hasSuffix("\n") ? String(report.text.dropLast()) : report.text)
    }
}
