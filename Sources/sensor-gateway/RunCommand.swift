import BoardCommandLine
import FieldText
import CalibrationStore
import CSystem
import DaemonSupport
import GatewayCore
import GatewayRuntime
import Journal
import MQTTTransport
import SimulatedBoard
import SiteConfig
import BoardLog

/// `sensor-gateway run`: the daemon systemd starts.
struct RunCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "run", abstract: .run,
        options: [
            .required("config", help: .runConfig),
            .flag("simulate", help: .runSimulate),
            .optional("broker", help: .runBroker, defaultValue: defaultBroker),
            .optional("state-dir", help: .runStateDirectory, defaultValue: defaultStateDirectory),
            .optional("calibration", help: .runCalibration),
            .optional("journal-budget-mb", .integer, help: .runJournalBudget, defaultValue: "256"),
            .optional("journal-policy", help: .runJournalPolicy, defaultValue: JournalBudget.Policy.thinRawOldestFirst.rawValue),
            .optional("keep-sent-hours", .decimal, help: .runKeepSentHours, defaultValue: "24.0"),
            .optional("keepalive", .integer32, help: .runKeepalive, defaultValue: "30"),
            .optional("speedup", .decimal, help: .runSpeedup, defaultValue: "1.0"),
            .optional("simulated-clock", help: .runSimulatedClock),
            .optional("time-rate", help: .runTimeRate, defaultValue: "max"),
            .optional("ground-truth", help: .runGroundTruth),
            .optional("simulated-sensor-fault", help: .runSimulatedSensorFault),
            .optional("simulated-clock-error", help: .runSimulatedClockError),
            .optional("simulated-paddy-season", help: .runSimulatedPaddySeason),
            .optional("replay-readings-per-second", .integer, help: .runReplayReadingsPerSecond, defaultValue: "1000"),
            .optional("session-expiry-seconds", .unsignedInteger32, help: .runSessionExpiry, defaultValue: "604800"),
        ] + BrokerLoginArguments.options(listedUnder: .message(.brokerLogin)))

    static let defaultBroker = "127.0.0.1:1883"
    static let defaultStateDirectory = "/var/lib/sensor-gateway"
    /// What systemd reads as "the site file is wrong", apart from other failures (1).
    static let siteFileStatus: Int32 = 2

    let arguments: ParsedArguments
    let siteFile: String
    let simulate: Bool
    let broker: String
    let stateDirectory: String
    let calibration: String?
    let journalBudgetMiB: Int
    let journalPolicy: String
    let keepSentHours: Double
    let keepaliveSeconds: Int32
    let speedup: Double
    let replayReadingsPerSecond: Int
    let sessionExpirySeconds: UInt32
    let login: BrokerLogin
    let simulatedClock: String?
    let timeRate: String
    let groundTruth: String?
    let sensorFaults: String?
    let clockErrors: String?
    let paddySeason: String?

    init(_ arguments: ParsedArguments) {
        self.arguments = arguments
        siteFile = arguments.required("config")
        simulate = arguments.flag("simulate")
        broker = arguments.text("broker") ?? RunCommand.defaultBroker
        stateDirectory = arguments.text("state-dir") ?? RunCommand.defaultStateDirectory
        calibration = arguments.text("calibration")
        journalBudgetMiB = arguments.number("journal-budget-mb") ?? 256
        journalPolicy = arguments.text("journal-policy") ?? JournalBudget.Policy.thinRawOldestFirst.rawValue
        keepSentHours = arguments.number("keep-sent-hours") ?? 24
        keepaliveSeconds = arguments.number("keepalive") ?? 30
        speedup = arguments.number("speedup") ?? 1
        replayReadingsPerSecond = arguments.number("replay-readings-per-second") ?? 1000
        sessionExpirySeconds = arguments.number("session-expiry-seconds") ?? 7 * 24 * 3600
        login = BrokerLoginArguments.login(arguments)
        simulatedClock = arguments.text("simulated-clock")
        timeRate = arguments.text("time-rate") ?? "max"
        groundTruth = arguments.text("ground-truth")
        sensorFaults = arguments.text("simulated-sensor-fault")
        clockErrors = arguments.text("simulated-clock-error")
        paddySeason = arguments.text("simulated-paddy-season")
    }

    /// `--simulated-clock START[,END]` and `--time-rate N|max`, or nil when the text is not one.
    static func simulatedClockSetting(_ text: String, rate: String) -> SimulatedClockSetting? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), let start = ISO8601Instant.parse(parts[0]) else { return nil }
        var end: UnixTime?
        if parts.count == 2 {
            guard let e = ISO8601Instant.parse(parts[1]), e.milliseconds > start.milliseconds else { return nil }
            end = e
        }
        if rate == "max" { return SimulatedClockSetting(start: start, end: end, rate: nil) }
        guard let r = Double(rate), r.isFinite, r > 0 else { return nil }
        return SimulatedClockSetting(start: start, end: end, rate: r)
    }

    func validate() throws(UsageError) {
        try BrokerLoginArguments.validate(login, arguments)
        guard parseBrokerAddress(broker) != nil else { throw arguments.invalid("--broker \(broker): expected HOST:PORT") }
        // libmosquitto refuses 1–4 s, and the broker announces a silent board after 1.5 × keepalive.
        guard keepaliveSeconds == 0 || (5...65535).contains(keepaliveSeconds) else {
            throw arguments.invalid("--keepalive \(keepaliveSeconds): must be 0 (off) or 5 to 65535 seconds")
        }
        guard JournalBudget.Policy(rawValue: journalPolicy) != nil else {
            var names: [String] = []
            for policy in JournalBudget.Policy.allCases { names.append(policy.rawValue) }
            throw arguments.invalid("--journal-policy \(journalPolicy): expected one of \(names.joined(separator: ", "))")
        }
        guard journalBudgetMiB >= 1 else { throw arguments.invalid("--journal-budget-mb must be at least 1") }
        guard replayReadingsPerSecond >= 0 else {
            throw arguments.invalid("--replay-readings-per-second \(replayReadingsPerSecond): must be 0 (unpaced) or more")
        }
        guard speedup >= 1 else { throw arguments.invalid("--speedup \(speedup): must be at least 1") }
        if speedup != 1 && !simulate { throw arguments.invalid("--speedup only applies with --simulate") }
        if let simulatedClock {
            guard simulate else { throw arguments.invalid("--simulated-clock only applies with --simulate") }
            guard speedup == 1 else { throw arguments.invalid("--simulated-clock replaces --speedup: give one of them") }
            guard RunCommand.simulatedClockSetting(simulatedClock, rate: timeRate) != nil else {
                throw arguments.invalid("--simulated-clock \(simulatedClock) --time-rate \(timeRate): expected START[,END] as ISO 8601 instants with an offset (END after START), e.g. 2027-04-01T00:00+09:00,2028-04-01T00:00+09:00, and a rate above 0 or max")
            }
            if case .failure(let refused) = SimulationScriptArguments.script(sensorFaults: sensorFaults, clockErrors: clockErrors, paddySeason: paddySeason) {
                throw arguments.invalid("--simulated-sensor-fault / --simulated-clock-error / --simulated-paddy-season: \"\(refused.item)\" is not CHANNEL@START/END, ±SECONDS@START/END or START/END with ISO 8601 instants with an offset, END after START, a paddy's interruptions inside its season (e.g. barometer@2027-08-01T00:00+09:00/2027-08-02T00:00+09:00, -10800@2027-06-10T09:00+09:00/2027-06-12T09:00+09:00, 2027-06-15T00:00+09:00/2027-10-05T00:00+09:00)")
            }
        } else if groundTruth != nil || sensorFaults != nil || clockErrors != nil || paddySeason != nil {
            throw arguments.invalid("--ground-truth, --simulated-sensor-fault, --simulated-clock-error and --simulated-paddy-season only apply with --simulated-clock")
        }
    }

    func run() throws(CommandFailure) {
        // Before anything slow (a journal recovery, a hung DNS lookup): a stop asked for during start-up is
        // then a clean stop, not a kill.
        StopSignals.install()
        let log = RuntimeLog.logger(label: "sensor-gateway")
        let loaded: LoadedSite
        do { loaded = try SiteLoader.load(siteFile: siteFile) } catch {
            CommandLineProgram.writeError("\(error)\n")
            throw .exit(RunCommand.siteFileStatus)
        }
        var site = loaded.site
        if speedup != 1 {
            for i in site.channels.indices {
                site.channels[i].interval = site.channels[i].interval / speedup
            }
        }
        // validate() has accepted both.
        guard let (host, port) = parseBrokerAddress(broker), let policy = JournalBudget.Policy(rawValue: journalPolicy) else {
            throw .exit(CommandLineProgram.usageStatus)
        }
        let credentials: MQTTConnectionOptions.Credentials?
        do { credentials = try login.credentials() } catch { throw .usage(error.description) }
        var options = GatewayOptions(
            siteFile: siteFile, simulate: simulate, brokerHost: host, brokerPort: port, stateDirectory: stateDirectory,
            calibrationDirectory: calibration, keepaliveSeconds: keepaliveSeconds, credentials: credentials,
            tls: login.tls(host: host))
        options.sessionExpirySeconds = sessionExpirySeconds
        options.replayReadingsPerSecond = replayReadingsPerSecond
        // The simulated board scales every meter's rate (the site's and the defaults) and the paddy balance
        // charges evaporation per simulated day.
        options.speedup = speedup
        options.simulatedClock = simulatedClock.flatMap { RunCommand.simulatedClockSetting($0, rate: timeRate) }
        options.groundTruthFile = groundTruth
        if case .success(let script) = SimulationScriptArguments.script(sensorFaults: sensorFaults, clockErrors: clockErrors, paddySeason: paddySeason) {
            options.simulationScript = script
        }
        options.journalBudget = JournalBudget(bytes: Int64(journalBudgetMiB) << 20, policy: policy,
                                              keepSentSeconds: keepSentHours * 3600)
        let daemon: GatewayDaemon
        do { daemon = try GatewayDaemon(site: site, configHash: loaded.configHash, options: options, log: log) } catch {
            log.critical("\(error)")
            throw .exit(CommandLineProgram.failureStatus)
        }
        daemon.run()
    }
}
