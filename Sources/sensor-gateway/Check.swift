import ArgumentParser
import CalibrationStore
import DaemonSupport
import Foundation
import MQTTTransport
import SiteConfig

extension SensorGateway {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate site files and calibration records without touching hardware.")

        @Option(name: .customLong("config"), help: "Site file(s) to validate.") var siteFiles: [String] = []
        @Option(help: "Calibration folder(s) to validate, e.g. Calibration/records/kumamoto-well-07.")
        var calibration: [String] = []
        @OptionGroup(title: "Broker login files to check against the site (dates, and the certificate's name against its device id)")
        var login: BrokerLoginOptions

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
                    if let certificate = login.certFile, let problem = certificateProblem(certificate, device: loaded.site.device.rawValue) {
                        print("\(certificate): \(problem)")
                        failed = true
                    }
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

        /// What would make the city broker turn this board away, found before the board is on the pole.
        func certificateProblem(_ file: String, device: String) -> String? {
            if let problem = TLSDiagnosis.checkClientCertificate(.init(caFile: login.caFile ?? "", certificateFile: file)) {
                return "\(problem)"
            }
            do {
                let name = try TLSDiagnosis.clientCertificateCommonName(file)
                guard name == device else {
                    return "issued to \"\(name ?? "(no common name)")\" but the site's device is \"\(device)\": the broker would refuse every reading"
                }
                return nil
            } catch { return "\(error)" }
        }
    }
}
