import ArgumentParser
import DaemonSupport
import Foundation
import GatewayCore
import GatewayRuntime
import Journal
import Logging
import MQTTTransport
import SiteConfig

extension SensorGateway {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sample the site's channels and publish until stopped.")

        @Option(name: .customLong("config"), help: "Site file, e.g. Board/sites/kumamoto-well-07.yaml.") var siteFile: String
        @Flag(help: "Run on the simulated board, whatever the site's board file says.") var simulate = false
        @Option(help: "Broker as HOST:PORT.") var broker = "127.0.0.1:1883"
        @Option(help: "Folder for the journal and persistent totals.") var stateDir = "/var/lib/sensor-gateway"
        @Option(help: "The site's calibration records, e.g. Calibration/records/kumamoto-well-07.")
        var calibration: String?
        @Option(help: "Disk the journal may use, in MiB.") var journalBudgetMb: Int = 256
        @Option(help: "What gives way when the journal is full: thin-raw-oldest-first (keeps totals and derived values) or drop-oldest.")
        var journalPolicy = "thin-raw-oldest-first"
        @Option(help: "Hours to keep delivered readings in the journal for audits.") var keepSentHours: Double = 24
        @Option(help: "MQTT keepalive in seconds; the broker announces the board offline after 1.5× this.")
        var keepalive: Int32 = 30
        @Option(help: "Run simulated time this many times faster: sampling intervals shrink and simulated pulse rates grow by this factor (simulation only: demos and tests).")
        var speedup: Double = 1
        @Option(help: "Readings per second replayed from the backlog after an outage (live readings are not held back); 0 replays as fast as the broker acknowledges.")
        var replayReadingsPerSecond: Int = 1000
        @Option(help: "Seconds the broker keeps this board's MQTT session while it is away; 0 for a clean session.")
        var sessionExpirySeconds: UInt32 = 7 * 24 * 3600
        @OptionGroup(title: "Broker login") var login: BrokerLoginOptions

        func validate() throws {
            guard parseBrokerAddress(broker) != nil else { throw ValidationError("--broker \(broker): expected HOST:PORT") }
            // libmosquitto refuses 1–4 s, and the broker announces a silent board after 1.5 × keepalive.
            guard keepalive == 0 || (5...65535).contains(keepalive) else {
                throw ValidationError("--keepalive \(keepalive): must be 0 (off) or 5 to 65535 seconds")
            }
            guard JournalBudget.Policy(rawValue: journalPolicy) != nil else {
                throw ValidationError("--journal-policy \(journalPolicy): expected one of \(JournalBudget.Policy.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard journalBudgetMb >= 1 else { throw ValidationError("--journal-budget-mb must be at least 1") }
            guard replayReadingsPerSecond >= 0 else {
                throw ValidationError("--replay-readings-per-second \(replayReadingsPerSecond): must be 0 (unpaced) or more")
            }
            guard speedup >= 1 else { throw ValidationError("--speedup \(speedup): must be at least 1") }
            if speedup != 1 && !simulate { throw ValidationError("--speedup only applies with --simulate") }
        }

        func run() throws {
            // Before anything slow (a journal recovery, a hung DNS lookup): a stop asked for during start-up is
            // then a clean stop, not a kill.
            StopSignals.install()
            LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
            let log = Logger(label: "sensor-gateway")
            let loaded: LoadedSite
            do { loaded = try SiteLoader.load(siteFile: siteFile) } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(2)
            }
            var site = loaded.site
            if speedup != 1 {
                site.channels = site.channels.map {
                    var c = $0
                    c.interval = c.interval / speedup
                    c.simulation.pulsesPerSecond = c.simulation.pulsesPerSecond.map { $0 * speedup }
                    return c
                }
            }
            let (host, port) = parseBrokerAddress(broker)!
            var options = GatewayOptions(
                siteFile: siteFile, simulate: simulate, brokerHost: host, brokerPort: port, stateDirectory: stateDir,
                calibrationDirectory: calibration,
                keepaliveSeconds: keepalive, credentials: try login.credentials(), tls: login.tls(host: host))
            options.sessionExpirySeconds = sessionExpirySeconds
            options.replayReadingsPerSecond = replayReadingsPerSecond
            options.journalBudget = JournalBudget(bytes: Int64(journalBudgetMb) << 20,
                                                  policy: JournalBudget.Policy(rawValue: journalPolicy)!,
                                                  keepSentSeconds: keepSentHours * 3600)
            let daemon: GatewayDaemon
            do { daemon = try GatewayDaemon(site: site, configHash: loaded.configHash, options: options, log: log) } catch {
                log.critical("\(error)")
                throw ExitCode(1)
            }
            daemon.run()
        }
    }
}
