import BoardCommandLine
import BoardLog
import BoardUpdate
import DaemonSupport

/// `sgw-update install --bundle FILE`
struct InstallCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "install",
        abstract: "Verify a signed bundle, switch to it, keep it only if it proves healthy.",
        discussion: "Refuses an unsigned, foreign-signed, tampered, truncated, other-architecture or older bundle with the running version untouched. After the switch the new version must be up, say READY=1, pet its watchdog, journal a reading and (when --broker answers) publish its retained status online with its version within --health-seconds; otherwise the board switches back and restarts the old version. Exit status 0 installed or already running, 1 refused or failed, 3 rolled back.",
        options: [
            .required("bundle", help: "The bundle (tar: manifest.json, sensor-gateway, signature)."),
            RootOption.declaration,
            .flag("allow-downgrade", help: "Install a version older than the running one (logged)."),
            .optional("health-seconds", .integer, help: "How long the new version has to prove itself.", defaultValue: "60"),
            .optional("status-topic", help: "The gateway's status topic, <prefix>/<site>/<device>/status; checked on the broker the supervisor runs the gateway with, logging in as the gateway does (TLS, client certificate), unless --broker is given."),
            .optional("broker", help: "HOST:PORT of another broker to see the retained status on, with the login flags below."),
        ] + BrokerLoginArguments.options(listedUnder: "Broker login (with --broker)"))

    let arguments: ParsedArguments
    init(_ arguments: ParsedArguments) { self.arguments = arguments }

    func validate() throws(UsageError) {
        let seconds = arguments.number("health-seconds", as: Int.self) ?? 60
        guard seconds >= 1, seconds <= 3600 else { throw arguments.invalid("--health-seconds \(seconds): must be 1 to 3600") }
        guard arguments.text("broker") == nil || arguments.text("status-topic") != nil else {
            throw arguments.invalid("--broker needs --status-topic (the topic to see the retained status on)")
        }
        try BrokerLoginArguments.validate(BrokerLoginArguments.login(arguments), arguments)
    }

    func run() throws(CommandFailure) {
        var options = Installer.Options()
        options.allowDowngrade = arguments.flag("allow-downgrade")
        options.healthSeconds = arguments.number("health-seconds", as: Int.self) ?? 60
        let root = RootOption.root(arguments)
        options.statusTopic = arguments.text("status-topic")
        if let broker = arguments.text("broker") {
            options.broker = broker
            options.login = BrokerLoginArguments.login(arguments)
        } else if options.statusTopic != nil {
            if let gateway = GatewayBrokerRecord.read(root.gatewayBroker) {
                options.broker = gateway.broker
                options.login = gateway.login
            } else {
                RootOption.log.warning("no supervisor has recorded the gateway's broker (\(root.gatewayBroker)): the health gate does without the retained status")
            }
        }
        let installer = Installer(root: root, options: options, log: RootOption.log)
        do throws(UpdateError) {
            switch try installer.install(bundle: arguments.required("bundle")) {
            case .installed(let version, let previous):
                print("installed \(version)" + (previous.map { " (was \($0))" } ?? ""))
            case .alreadyRunning(let version):
                print("already running \(version)")
            }
        } catch {
            print("\(error)")
            throw .exit(error.kind == .rolledBack ? 3 : 1)
        }
    }
}
