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
        guard parseBrokerAddress(broker) != nil else { throw arguments.invalid(FieldText.say(.runBrokerForm, [broker])) }
        // libmosquitto refuses 1–4 s, and the broker announces a silent board after 1.5 × keepalive.
        guard keepaliveSeconds == 0 || (5...65535).contains(keepaliveSeconds) else {
            throw arguments.invalid(FieldText.say(.runKeepaliveRange, ["\(keepaliveSeconds)"]))
        }
        guard JournalBudget.Policy(rawValue: journalPolicy) != nil else {
            var names: [String] = []
            for policy in JournalBudget.Policy.allCases { names.append(policy.rawValue) }
            throw arguments.invalid(FieldText.say(.runJournalPolicyChoice, [journalPolicy, names.joined(separator: ", ")]))
        }
        guard journalBudgetMiB >= 1 else { throw arguments.invalid(FieldText.say(.runJournalBudgetRange)) }
        guard replayReadingsPerSecond >= 0 else {
            throw arguments.invalid(FieldText.say(.runReplayRange, ["\(replayReadingsPerSecond)"]))
        }
        guard speedup >= 1 else { throw arguments.invalid(FieldText.say(.runSpeedupRange, ["\(speedup)"])) }
        if speedup != 1 && !simulate { throw arguments.invalid(FieldText.say(.runSpeedupNeedsSimulate)) }
        if let simulatedClock {
            guard simulate else { throw arguments.invalid(FieldText.say(.runSimulatedClockNeedsSimulate)) }
            guard speedup == 1 else { throw arguments.invalid(FieldText.say(.runSimulatedClockOrSpeedup)) }
            guard RunCommand.simulatedClockSetting(simulatedClock, rate: timeRate) != nil else {
                throw arguments.invalid(FieldText.say(.runSimulatedClockForm, [simulatedClock, timeRate]))
            }
            if case .failure(let refused) = SimulationScriptArguments.script(sensorFaults: sensorFaults, clockErrors: clockErrors, paddySeason: paddySeason) {
                throw arguments.invalid(FieldText.say(.runSimulationScriptForm, [refused.item]))
            }
        } else if groundTruth != nil || sensorFaults != nil || clockErrors != nil || paddySeason != nil {
            throw arguments.invalid(FieldText.say(.runScriptNeedsSimulatedClock))
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
