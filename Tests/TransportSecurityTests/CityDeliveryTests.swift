import AggregatorKit
import MQTTTransport
import Foundation
import GatewayCore
import Journal
import Testing
import TestSupport

/// Both programs on the shipped city broker, over TLS: the board with its certificate, the aggregator with
/// its password and a persistent session.
@Suite(.serialized) struct CityDeliveryTests {
    static let site = Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml"
    static let device = "sapporo-cityhall-gw1"

    func aggregator(_ city: CityBroker, db: String, name: String) throws -> ChildProcess {
        let password = city.folder + "/aggregator.password"
        try (CityBroker.aggregatorPassword + "\n").write(toFile: password, atomically: true, encoding: .utf8)
        return try ChildProcess(Paths.binary("kpi-aggregator"), [
            "run", "--broker", "127.0.0.1:\(city.aggregatorPort)", "--db", db, "--client-id", "city-aggregator",
            "--ca-file", city.folder + "/ca/ca.crt", "--username", "aggregator", "--password-file", password,
        ], logDirectory: city.folder, name: name)
    }

    func gateway(_ city: CityBroker, tls: BoardTLSFiles, state: String, name: String,
                 extra: [String] = []) throws -> ChildProcess {
        try ChildProcess(Paths.binary("sensor-gateway"), [
            "run", "--config", Self.site, "--simulate", "--broker", "127.0.0.1:\(city.boardPort)", "--state-dir", state,
            "--keepalive", "5", "--ca-file", tls.ca, "--cert-file", tls.certificate, "--key-file", tls.key,
        ] + extra, logDirectory: city.folder, name: name)
    }

    /// A day's backlog replayed unpaced while the aggregator is down: 1,200 messages queue in its session,
    /// more than Mosquitto's default queue of 1,000, and all of them arrive when it comes back.
    @Test func drainedBacklogReachesARestartedAggregatorComplete() throws {
        let city = try CityBroker()
        let tls = try BoardTLSFiles(city.issueBoard(Self.device, site: "sapporo-cityhall"))
        let db = city.folder + "/city.sqlite"
        var aggregator = try aggregator(city, db: db, name: "aggregator-1")
        try #require(eventually(15) { aggregator.output.contains("subscribed to") }, "\(aggregator.output)")
        aggregator.kill(SIGTERM)
        #expect(aggregator.wait(seconds: 10) == 0)

        // The backlog a board would hold after a day offline, written straight into its journal.
        let state = city.folder + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let backlog = 60_000
        let start = Date().timeIntervalSince1970 - 86_400
        do {
            let journal = try ReadingJournal(path: state + "/journal.sqlite")
            let channel = ChannelID("outdoor-temperature")
            for first in stride(from: 1, through: backlog, by: 5_000) {
                let readings = (first..<first + 5_000).map { seq in
                    Reading(key: ReadingKey(device: DeviceID(Self.device), channel: channel, sequence: UInt64(seq)),
                            time: UnixTime(seconds: (start + Double(seq) * 1.44).rounded()),
                            value: MeasuredValue(-8.5 + Double(seq % 100) / 100, "Cel"))
                }
                try journal.record(readings, states: [ChannelState(device: DeviceID(Self.device), channel: channel,
                                                                   lastSequence: UInt64(first + 4_999), pulseTotal: 0)])
            }
        }
        let board = try gateway(city, tls: tls, state: state, name: "gateway", extra: ["--replay-readings-per-second", "0"])
        defer { board.kill(SIGKILL) }
        // The backlog's rows carry no monotonic tick: until the board journals its first live reading, they all
        // count as the newest tick, and "nothing unsent before it" would hold before anything was sent.
        #expect(eventually(240) {
            let journal = try ReadingJournal(path: state + "/journal.sqlite")
            return try journal.summary().totalCount > backlog && journal.unsentBeforeNewestTick() == 0
        }, "backlog not drained: \(board.output)")
        board.kill(SIGTERM)
        #expect(board.wait(seconds: 15) == 0, "\(board.output)")

        aggregator = try self.aggregator(city, db: db, name: "aggregator-2")
        defer { aggregator.kill(SIGKILL) }
        let journal = try ReadingJournal(path: state + "/journal.sqlite").all()
        let store = try AggregatorStore(path: db)
        // Until everything is in, or nothing more has come for ten seconds.
        var stored = 0
        var quietSince = Date()
        while stored < journal.count, Date().timeIntervalSince(quietSince) < 10 {
            Thread.sleep(forTimeInterval: 0.5)
            let now = try store.allReadings().count
            if now != stored { quietSince = Date() }
            stored = now
        }
        #expect(stored == journal.count, "aggregator has \(stored) of \(journal.count): \(aggregator.output)")
        #expect(aggregator.output.contains("session resumed"), "\(aggregator.output)")
        #expect(Set(try store.allReadings().map(\.reading.key)) == Set(journal.map(\.reading.key)))
    }

    /// A broker certificate for another host name: the board says which certificate and which names, keeps
    /// journaling, and nothing reaches the city.
    @Test func wrongHostBrokerCertificateIsNamedAndNoDataLeaves() throws {
        let city = try CityBroker(.wrongHost)
        let watcher = try city.independentSubscriber()
        defer { watcher.kill(SIGKILL) }
        let tls = try BoardTLSFiles(city.issueBoard(Self.device, site: "sapporo-cityhall"))
        let state = city.folder + "/state"
        let board = try gateway(city, tls: tls, state: state, name: "gateway", extra: ["--speedup", "60"])
        defer { board.kill(SIGKILL) }
        #expect(eventually(20) { board.output.contains("does not match host name \"127.0.0.1\"") }, "\(board.output)")
        #expect(board.output.contains("broker.city.example"))
        Thread.sleep(forTimeInterval: 3)
        #expect(board.isRunning)
        let summary = try ReadingJournal(path: state + "/journal.sqlite").summary()
        #expect(summary.unsentCount > 0 && summary.unsentCount == summary.totalCount, "\(summary)")
        #expect(CityBroker.received(watcher).isEmpty, "\(CityBroker.received(watcher))")
    }

    /// A certificate issued to another board: said at start-up, before the broker refuses every reading.
    @Test func certificateForAnotherBoardIsSaidAtStartUp() throws {
        let city = try CityBroker()
        let tls = try BoardTLSFiles(city.issueBoard("kumamoto-well-07-gw1", site: "kumamoto-well-07"))
        let board = try gateway(city, tls: tls, state: city.folder + "/state", name: "gateway")
        defer { board.kill(SIGKILL) }
        #expect(eventually(10) {
            board.output.contains("is issued to \"kumamoto-well-07-gw1\" but this board is \"\(Self.device)\"")
        }, "\(board.output)")
    }
}

/// `sensor-gateway check` with the board's login files: the installer learns of a wrong certificate on site.
@Suite struct CheckCertificateTests {
    @Test func checkComparesTheCertificateWithTheSitesDevice() throws {
        let city = try CityBroker()
        let right = try BoardTLSFiles(city.issueBoard(CityDeliveryTests.device, site: "sapporo-cityhall"))
        let wrong = try BoardTLSFiles(city.issueBoard("kumamoto-well-07-gw1", site: "kumamoto-well-07"))
        func check(_ tls: BoardTLSFiles, _ name: String) throws -> (Int32?, String) {
            let child = try ChildProcess(Paths.binary("sensor-gateway"), [
                "check", "--config", CityDeliveryTests.site, "--ca-file", tls.ca, "--cert-file", tls.certificate,
                "--key-file", tls.key], logDirectory: city.folder, name: name)
            return (child.wait(seconds: 20), child.output)
        }
        let (good, goodOutput) = try check(right, "check-right")
        #expect(good == 0, "\(goodOutput)")
        let (bad, badOutput) = try check(wrong, "check-wrong")
        #expect(bad == 1)
        #expect(badOutput.contains("issued to \"kumamoto-well-07-gw1\" but the site's device is \"sapporo-cityhall-gw1\""), "\(badOutput)")
    }
}

/// The three files a board is given, as command-line paths.
struct BoardTLSFiles {
    var ca: String
    var certificate: String
    var key: String
    init(_ tls: MQTTConnectionOptions.TLS) {
        ca = tls.caFile
        certificate = tls.certificateFile!
        key = tls.keyFile!
    }
}
