import ArgumentParser
import CalibrationStore
import Foundation
import SiteConfig

extension SensorGateway {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate site files and calibration records without touching hardware.")

        @Option(name: .customLong("config"), help: "Site file(s) to validate.") var siteFiles: [String] = []
        @Option(help: "Calibration folder(s) to validate, e.g. Calibration/records/kumamoto-well-07.")
        var calibration: [String] = []

        func validate() throws {
            if siteFiles.isEmpty && calibration.isEmpty {
                throw ValidationError("give at least one --config SITE.yaml or --calibration DIR")
            }
        }

        func run() throws {
            var failed = false
            for file in siteFiles {
                do {
                    let loaded = try SiteLoader.load(siteFile: file)
                    print("\(file): ok (site \(loaded.site.id), \(loaded.site.channels.count) channels, board \(loaded.site.board.name), config \(loaded.configHash))")
                } catch {
                    print("\(error)")
                    failed = true
                }
            }
            for directory in calibration {
                do {
                    let store = try CalibrationStore.load(directory: directory)
                    let channels = Set(store.records.compactMap(\.channel)).count
                    print("\(directory): ok (\(store.records.count) records for \(channels) channels)")
                } catch {
                    print("\(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
