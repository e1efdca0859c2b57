import BoardCommandLine
import BoardUpdate
import DaemonSupport
import MQTTTransport

/// `sgw-update supervise`: runs the current slot's gateway (the unit's ExecStart on a board).
struct SuperviseCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "supervise",
        abstract: "Run current/sensor-gateway, restart it when it exits or an install asks, and record its health.",
        discussion: "The gateway runs as `sensor-gateway run --config … --broker … --state-dir ROOT/var/lib/sensor-gateway`, with an sd_notify socket whose READY=1 and watchdog pets the health gate reads (and passes on to systemd).",
        options: [
            RootOption.declaration,
            .required("config", help: "The site file."),
            .required("broker", help: "HOST:PORT of the MQTT broker."),
            .optional("calibration", help: "The calibration records folder."),
            .flag("simulate", help: "Run the gateway on the simulated board."),
            .optional("watchdog-seconds", .integer,
                      help: "The watchdog period offered to the gateway when systemd sets none (under systemd the unit's WatchdogSec= is offered).",
                      defaultValue: "30"),
        ] + BrokerLoginArguments.options(listedUnder: "Broker login (passed on to the gateway, used by an install's health gate)"))

    let arguments: ParsedArguments
    init(_ arguments: ParsedArguments) { self.arguments = arguments }

    func validate() throws(UsageError) {
        try BrokerLoginArguments.validate(BrokerLoginArguments.login(arguments), arguments)
        let broker = arguments.required("broker")
        guard parseBrokerAddress(broker) != nil else { throw arguments.invalid("--broker \(broker): expected HOST:PORT") }
        let seconds = watchdogSeconds
        guard seconds >= SupervisorWatchdog.shortestSeconds && seconds <= SupervisorWatchdog.longestSeconds else {
            throw arguments.invalid("--watchdog-seconds \(seconds): give \(SupervisorWatchdog.shortestSeconds) to \(SupervisorWatchdog.longestSeconds) seconds")
        }
    }

    private var watchdogSeconds: Int { arguments.number("watchdog-seconds", as: Int.self) ?? 30 }

    func run() throws(CommandFailure) {
        let root = RootOption.root(arguments)
        var gateway = ["run", "--config", arguments.required("config"), "--broker", arguments.required("broker"),
                       "--state-dir", root.gatewayState]
        if let calibration = arguments.text("calibration") { gateway += ["--calibration", calibration] }
        let login = BrokerLoginArguments.login(arguments)
        gateway += login.arguments
        if arguments.flag("simulate") { gateway.append("--simulate") }
        do throws(UpdateError) {
            let watchdog = try SupervisorWatchdog.choose(fallbackSeconds: watchdogSeconds)
            let supervisor = Supervisor(root: root, gatewayArguments: gateway, watchdog: watchdog,
                                        broker: GatewayBrokerRecord(broker: arguments.required("broker"), login: login),
                                        log: RootOption.log)
            try supervisor.run()
        } catch {
            throw .failed(error.description)
        }
    }
}
