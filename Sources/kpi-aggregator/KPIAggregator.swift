import AggregatorKit
import ArgumentParser
import DaemonArguments
import DaemonSupport
import Foundation
import GatewayCore
import Logging
import MQTTTransport
import SenML
import Synchronization

@main
struct KPIAggregator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi-aggregator",
        abstract: "The city side: stores every board's readings and reports fiscal-year KPIs.",
        subcommands: [Run.self, Report.self])
}

extension KPIAggregator {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Subscribe to the boards and store their readings.")

        @Option(help: "Broker as HOST:PORT.") var broker = "127.0.0.1:1883"
        @Option(help: "SQLite database file.") var db: String
        @Option(help: "Topic prefix the boards publish under.") var topicPrefix = "sgw"
        @Option(help: "MQTT client id; keep it fixed so the broker keeps the session across restarts.")
        var clientId = "kpi-aggregator"
        @Option(help: "Seconds the broker keeps the session (and queues messages) while the aggregator is away.")
        var sessionExpiry: UInt32 = 7 * 24 * 3600
        @Option(help: "Seconds a gap in a channel's sequence numbers must stay unchanged before its board is asked for the readings again.")
        var resendAfter = 300
        @Option(help: "Times a gap is asked for before it is left as unrecoverable.")
        var resendAttempts = 3
        @OptionGroup(title: "Broker login") var login: BrokerLoginOptions

        func validate() throws {
            guard resendAfter >= 1 else { throw ValidationError("--resend-after \(resendAfter): at least 1 second") }
            guard resendAttempts >= 0 else { throw ValidationError("--resend-attempts \(resendAttempts): 0 (never ask) or more") }
        }

        func run() throws {
            StopSignals.install()
            LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
            let log = Logger(label: "kpi-aggregator")
            guard let (host, port) = parseBrokerAddress(broker) else {
                throw ValidationError("--broker \(broker): expected HOST:PORT")
            }
            let store = try AggregatorStore(path: db)
            let service = AggregatorService(
                settings: .init(options: MQTTConnectionOptions(host: host, port: port, clientID: clientId,
                                                               keepaliveSeconds: 30, sessionExpirySeconds: sessionExpiry,
                                                               credentials: try login.credentials(), tls: login.tls(host: host),
                                                               maxInflightMessages: 100),
                                topics: TopicLayout(prefix: topicPrefix),
                                resendAfter: .seconds(resendAfter), resendAttempts: resendAttempts),
                store: store, log: log)
            try service.run(until: StopSignals.requested)
            log.notice("stopped: \(service.storedCount) readings stored, \(service.duplicateCount) duplicates dropped")
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print fiscal-year KPIs per site.")

        @Option(help: "SQLite database file written by `kpi-aggregator run`.") var db: String
        @Option(help: "Fiscal year by its starting year (FY2026 = April 2026 to March 2027). Default: the current one.")
        var fiscalYear: Int?
        @Option(help: "table, json or csv.") var format = "table"

        func run() throws {
            guard let fmt = ReportFormat(rawValue: format) else {
                throw ValidationError("--format \(format): expected one of table, json, csv")
            }
            guard FileManager.default.fileExists(atPath: db) else {
                throw ValidationError("--db \(db): no such database (run `kpi-aggregator run --db \(db)` first)")
            }
            let fy = fiscalYear.map(FiscalYear.init) ?? FiscalYear(containing: UnixTime(seconds: Date().timeIntervalSince1970))
            let store = try AggregatorStore(path: db)
            print(try store.report(fiscalYear: fy).rendered(as: fmt), terminator: "")
        }
    }
}
