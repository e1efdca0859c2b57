import ArgumentParser
import LinuxBoard
import SensorDrivers

extension SensorGateway {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List I2C buses and the chips that answer, and GPIO chips with their lines and consumers.",
            discussion: """
                Probes every address by reading one byte (like `i2cdetect -r`), never writing, so a running \
                sensor is not disturbed. Known chips are named from their ID registers. Run it first on every install.
                """)

        func run() throws {
            let report = ScanReport.gather { bus, address in
                ChipIdentification.identify(bus: bus, address: address)?.rawValue
            }
            print(report.text, terminator: report.text.hasSuffix("\n") ? "" : "\n")
        }
    }
}
