import ArgumentParser
import AggregatorKit
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
        subcommands: [Run.self, Report.self, Serve.self])
}

extension KPIAggregator {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Subscribe to the boards and store their readings.")

        @Option(help: "Broker as HOST:PORT.") var broker = "127.0.0.1:1883"
        @Option(help: "SQLite database file, or a PostgreSQL URI (postgres://USER@HOST/DB).") var db: String?
        @Option(help: "PostgreSQL connection string (libpq: a URI, or \"host=/run/postgresql dbname=city\"), in place of --db.")
        var postgres: String?
        @Option(help: "Topic prefix the boards publish under.") var topicPrefix = "sgw"
        @Option(help: "MQTT client id; keep it fixed so the broker keeps the session across restarts.")
        var clientId = "kpi-aggregator"
        @Option(help: "Seconds the broker keeps the session (and queues messages) while the aggregator is away.")
        var sessionExpiry: UInt32 = 7 * 24 * 3600
        @Option(help: "Seconds a gap in a channel's sequence numbers must stay unchanged before its board is asked for the readings again.")
        var resendAfter = 300
        @Option(help: "Times a gap is asked for before it is left as unrecoverable.")
        var resendAttempts = 3
        @Option(help: "Days before the city first heard of a board that its readings may be dated (a backlog from before it first connected); older ones are quarantined.")
        var backlogDays = 30
        @Option(help: "Seconds after receipt a reading may be dated (clock error); later ones are quarantined.")
        var futureToleranceSeconds = 300
        @Option(help: "Readings committed in one transaction at most.")
        var batchReadings = 20_000
        @Option(help: "Milliseconds a received reading waits at most for its transaction's commit.")
        var batchMilliseconds = 200
        @Option(help: "Share the boards' data with the other aggregators of this MQTT v5 shared-subscription group ($share/GROUP/...); they must use the same database.")
        var shareGroup: String?
        @Option(help: "Own part K of N parts of the boards (K from 0 to N-1; a board's part is FNV-1a 64 of its device id mod N): wait for the part's lock in the database, then connect as CLIENT-ID-partKofN and store only that part's boards. Start one instance per part (and standbys with the same K/N); every instance on the database must use the same N.")
        var partition: String?
        @Option(help: "For simulated runs only: the city's clock reads this instant (ISO 8601 with offset, e.g. 2028-04-01T00:05+09:00) when the aggregator starts and runs on from there, so a fiscal year a simulated board plays in minutes is received as if at that time.")
        var simulatedClock: String?
        @OptionGroup(title: "Broker login") var login: BrokerLoginOptions

        func validate() throws {
            guard (db == nil) != (postgres == nil) else {
                throw ValidationError("give the database as --db FILE-or-postgres://URI, or as --postgres CONNINFO (one of the two)")
            }
            guard resendAfter >= 1 else { throw ValidationError("--resend-after \(resendAfter): at least 1 second") }
            guard resendAttempts >= 0 else { throw ValidationError("--resend-attempts \(resendAttempts): 0 (never ask) or more") }
            guard topicPrefix.split(separator: "/", omittingEmptySubsequences: false).allSatisfy({ IntakeName.isID(String($0)) }) else {
                throw ValidationError("--topic-prefix \(topicPrefix): levels of 1 to 64 of A-Z a-z 0-9 . _ - separated by /")
            }
            guard resendAfter <= 30 * 86_400 else { throw ValidationError("--resend-after \(resendAfter): at most 2592000 seconds (30 days)") }
            guard resendAttempts <= 1000 else { throw ValidationError("--resend-attempts \(resendAttempts): at most 1000") }
            guard (0...3650).contains(backlogDays) else { throw ValidationError("--backlog-days \(backlogDays): 0 to 3650 days") }
            guard (1...100_000).contains(batchReadings) else { throw ValidationError("--batch-readings \(batchReadings): 1 to 100000") }
            guard (0...10_000).contains(batchMilliseconds) else {
                throw ValidationError("--batch-milliseconds \(batchMilliseconds): 0 to 10000")
            }
            if let group = shareGroup, !IntakeName.isID(group) {
                throw ValidationError("--share-group \(group): 1 to 64 of A-Z a-z 0-9 . _ -")
            }
            if let partition {
                do { _ = try BoardPartition(partition) } catch { throw ValidationError(error.description) }
                if shareGroup != nil {
                    throw ValidationError("--partition \(partition) with --share-group: give one of the two (a partition's instance receives every board's messages under its own session and keeps only its part's)")
                }
            }
            guard (0...86_400).contains(futureToleranceSeconds) else {
                throw ValidationError("--future-tolerance-seconds \(futureToleranceSeconds): 0 to 86400 seconds")
            }
        }

        func run() throws {
            StopSignals.install()
            LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
            let log = Logger(label: "kpi-aggregator")
            guard let (host, port) = parseBrokerAddress(broker) else {
                throw ValidationError("--broker \(broker): expected HOST:PORT")
            }
            var limits = IntakeLimits()
            limits.backlogBeforeFirstSeenSeconds = Double(backlogDays) * 86_400
            limits.futureToleranceSeconds = Double(futureToleranceSeconds)
            let store = try openCityStore(postgres ?? db ?? "", postgres: postgres != nil)
            let part = try partition.map { text throws(AggregatorError) in try BoardPartition(text) }
            if let part {
                // The lock first, the broker second: the part's session gets one consumer at a time, and the broker
                // keeps queuing the part's messages while no owner is up.
                guard try PartitionOwnership.take(part, of: store, log: log, until: StopSignals.requested) else {
                    log.notice("stopped while waiting for partition \(part)")
                    return
                }
            }
            var settings = AggregatorService.Settings(options: MQTTConnectionOptions(host: host, port: port,
                                                               clientID: part.map { $0.clientID(base: clientId) } ?? clientId,
                                                               keepaliveSeconds: 30, sessionExpirySeconds: sessionExpiry,
                                                               credentials: try login.credentials(), tls: login.tls(host: host),
                                                               maxInflightMessages: 100,
                                                               receiveMaximum: AggregatorService.receiveMaximum),
                                topics: TopicLayout(prefix: topicPrefix),
                                resendAfter: .seconds(resendAfter), resendAttempts: resendAttempts, limits: limits,
                                batchReadings: batchReadings, batchWindow: .milliseconds(batchMilliseconds),
                                shareGroup: shareGroup)
            settings.partition = part
            if let simulatedClock {
                guard let start = ISO8601DateFormatter().date(from: simulatedClock) else {
                    throw ValidationError("--simulated-clock \(simulatedClock): expected an ISO 8601 instant with offset, e.g. 2028-04-01T00:05:00+09:00")
                }
                settings.clockOffsetSeconds = start.timeIntervalSinceNow
            }
            let service = AggregatorService(settings: settings, store: store, log: log)
            try service.run(until: StopSignals.requested)
            log.notice("stopped: \(service.storedCount) readings stored, \(service.duplicateCount) duplicates dropped, \(service.refusedCount) refused, \(service.quarantinedCount) quarantined\(part == nil ? "" : ", \(service.otherPartitionCount) messages of other partitions dropped")")
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print fiscal-year KPIs per site, and each board's last technician visit (table format).")

        @Option(help: "SQLite database file written by `kpi-aggregator run`, or its PostgreSQL URI (postgres://…).") var db: String
        @Flag(help: "Read from PostgreSQL: --db is then any libpq connection string.") var postgres = false
        @Option(help: "Fiscal year by its starting year (FY2026 = April 2026 to March 2027). Default: the current one.")
        var fiscalYear: Int?
        @Option(help: "table, json, csv, or html (one self-contained page; needs --city).") var format = "table"
        @Option(help: "City file (Deploy/cities/*.yaml): report the plan's own KPIs with their provenance.")
        var city: String?
        @Option(help: "Report as if the clock read this instant (ISO 8601 with offset), as `run --simulated-clock` receives: a simulated year's completeness is judged against its own end, not today's date.")
        var simulatedClock: String?

        func validate() throws {
            if let fy = fiscalYear, !(2000...2999).contains(fy) {
                throw ValidationError("--fiscal-year \(fy): a year from 2000 to 2999")
            }
            if simulatedClock != nil, reportTime == nil {
                throw ValidationError("--simulated-clock \(simulatedClock ?? ""): expected an ISO 8601 instant with offset, e.g. 2028-04-01T00:05:00+09:00")
            }
        }

        /// The instant the report is as of: now, or the simulated clock's.
        var reportTime: UnixTime? {
            guard let simulatedClock else { return UnixTime(seconds: Date().timeIntervalSince1970) }
            return ISO8601DateFormatter().date(from: simulatedClock).map { UnixTime(seconds: $0.timeIntervalSince1970) }
        }

        func run() throws {
            guard let fmt = ReportFormat(rawValue: format) ?? (format == "html" && city != nil ? .table : nil) else {
                throw ValidationError(format == "html" ? "--format html: give the city file with --city"
                                                       : "--format \(format): expected one of table, json, csv, html")
            }
            guard namesPostgreSQL(db, postgres: postgres) || FileManager.default.fileExists(atPath: db) else {
                throw ValidationError("--db \(db): no such database (run `kpi-aggregator run --db \(db)` first)")
            }
            let now = reportTime ?? UnixTime(seconds: Date().timeIntervalSince1970)
            let fy = fiscalYear.map(FiscalYear.init) ?? FiscalYear(containing: now)
            let store = try openCityStore(db, postgres: postgres)
            // The per-site sums: printed without --city and in the --city table; the plan's own figures read the
            // rollups themselves.
            var report: KPIReport?
            if let city {
                let plan = try loadCity(city)
                let kpis = try CityKPICalculator.report(plan: plan, year: fy, data: StoredKPIs(store, asOf: now))
                switch format {
                case "html": print(CityPage.html(kpis), terminator: "")
                case "json": print(kpis.json, terminator: "")
                case "csv": print(kpis.csv, terminator: "")
                default:
                    let sums = try store.report(fiscalYear: fy, asOf: now)
                    report = sums
                    print(kpis.table + "\nPer site\n" + sums.rendered(as: fmt), terminator: "")
                    print(CommissioningReport.table(try store.commissioning()), terminator: "")
                }
            } else {
                let sums = try store.report(fiscalYear: fy, asOf: now)
                report = sums
                print(sums.rendered(as: fmt), terminator: "")
                // Table only: json and csv stay one document each.
                if fmt == .table { print(CommissioningReport.table(try store.commissioning()), terminator: "") }
            }
            let broken = report?.nonFiniteTotals ?? []
            guard broken.isEmpty else {
                FileHandle.standardError.write(Data("""
                    kpi-aggregator report: FY\(fy.startYear) has totals that are not finite numbers (\(broken.joined(separator: "; "))). \
                    \(db) holds readings stored before the intake bounded values (|value| ≤ 1e16); find them with \
                    sqlite3 \(db) "SELECT device, channel, seq, value, sum FROM reading WHERE abs(value) > 1e16 OR abs(sum) > 1e16", \
                    move them aside and report again. This report is not fit to file.

                    """.utf8))
                throw ExitCode(2)
            }
        }
    }
}
