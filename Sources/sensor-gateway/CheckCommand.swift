import BoardCommandLine
import FieldText
import CalibrationStore
import DaemonSupport
import MQTTTransport
import SiteConfig
import GatewayCore

/// `sensor-gateway check`: site files, calibration folders and broker login files checked at the desk.
struct CheckCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "check", abstract: .check,
        options: [
            .repeated("config", help: .checkConfig),
            .repeated("calibration", help: .checkCalibration),
        ] + BrokerLoginArguments.options(listedUnder: .message(.checkBrokerLogin)))

    let arguments: ParsedArguments
    let siteFiles: [String]
    let calibrationFolders: [String]
    let login: BrokerLogin

    init(_ arguments: ParsedArguments) {
        self.arguments = arguments
        siteFiles = arguments.texts("config")
        calibrationFolders = arguments.texts("calibration")
        login = BrokerLoginArguments.login(arguments)
    }

    func validate() throws(UsageError) {
        try BrokerLoginArguments.validate(login, arguments)
        if siteFiles.isEmpty && calibrationFolders.isEmpty {
            throw arguments.invalid(FieldText.say(.checkNeedsInput))
        }
    }

    func run() throws(CommandFailure) {
        var failed = false
        for file in siteFiles {
            do {
                let loaded = try SiteLoader.load(siteFile: file)
                print(FieldText.say(.checkSiteOK, [file, loaded.site.id.rawValue, String(loaded.site.channels.count),
                                                   loaded.site.board.name, loaded.configHash]))
                if let certificate = login.certFile, let problem = certificateProblem(certificate, device: loaded.site.device.rawValue) {
                    print(problem.text())
                    failed = true
                }
            } catch {
                print(error.text())
                failed = true
            }
        }
        for directory in calibrationFolders {
            do {
                let store = try CalibrationStore.load(directory: directory)
                var channels = Set<String>()
                for record in store.records { if let channel = record.channel { channels.insert(channel.rawValue) } }
                print(FieldText.say(.checkCalibrationOK, [directory, String(store.records.count), String(channels.count)]))
            } catch {
                print(error.text())
                failed = true
            }
        }
        if failed { throw .exit(CommandLineProgram.failureStatus) }
    }

    /// What would make the city broker turn this board away, found before the board is on the pole.
    func certificateProblem(_ file: String, device: String) -> FieldProblem? {
        if let problem = TLSDiagnosis.checkClientCertificate(.init(caFile: login.caFile ?? "", certificateFile: file)) {
            return problem.fieldProblem(what: file)
        }
        do {
            let name = try TLSDiagnosis.clientCertificateCommonName(file)
            guard name == device else {
                return FieldProblem(what: file, happened: .checkCertificateName, [name ?? FieldText.say(.checkNoCommonName), device],
                                    cause: .checkCertificateNameCause, action: .checkCertificateNameAction)
            }
            return nil
        } catch {
            return FieldProblem(what: file, happened: .asGiven, ["\(error)"], cause: .mqttTLSCause, action: .mqttTLSAction)
        }
    }
}
