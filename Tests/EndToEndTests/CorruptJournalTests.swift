import AggregatorKit
import Foundation
import Journal
import MQTTTransport
import SenML
import Testing
import TestSupport

/// A journal SQLite calls corrupt is moved aside, said in the log and in the retained status, and the board
/// carries on with a new one: no crash loop, and the next start keeps the new journal.
@Suite(.serialized) struct CorruptJournalTests {
    static func gateway(broker: MosquittoBroker, state: String, logs: String, name: String) throws -> ChildProcess {
        try ChildProcess(Paths.binary("sensor-gateway"), [
            "run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml", "--simulate", "--speedup", "60",
            "--broker", broker.address, "--state-dir", state, "--keepalive", "5"], logDirectory: logs, name: name)
    }

    @Test func corruptJournalIsMovedAsideReportedAndTheBoardCarriesOn() throws {
        let dir = Paths.scratch("corrupt-journal")
        let broker = try MosquittoBroker(directory: dir)
        let state = dir + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try Data((0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
            .write(to: URL(fileURLWithPath: state + "/journal.sqlite"))

        let watcher = try MQTTClient(MQTTConnectionOptions(host: "127.0.0.1", port: broker.port, clientID: "watcher"))
        try watcher.connect()
        try watcher.subscribe("sgw/+/+/status", qos: 1)
        func start(_ name: String) throws -> ChildProcess { try Self.gateway(broker: broker, state: state, logs: dir, name: name) }
        let first = try start("gateway-1")
        defer { first.kill(SIGKILL) }
        var status: DeviceStatus?
        let deadline = Date().addingTimeInterval(20)
        while status?.journalMovedAside == nil, Date() < deadline {
            for case .message(let m) in watcher.poll(timeoutMilliseconds: 100) { status = DeviceStatus.decode(m.payload) }
        }
        let aside = try #require(status?.journalMovedAside, "status never named the moved journal: \(first.output)")
        #expect(aside.hasPrefix(state + "/journal.sqlite.corrupt-"))
        #expect(FileManager.default.fileExists(atPath: aside), "kept for forensics")
        #expect(first.output.contains("journal was corrupt; moved aside to \(aside)"))
        #expect(eventually(10) { (try ReadingJournal(path: state + "/journal.sqlite").summary().totalCount) > 10 },
                "the new journal fills: \(first.output)")
        first.kill(SIGTERM)
        #expect(first.wait(seconds: 15) == 0)

        let second = try start("gateway-2")
        defer { second.kill(SIGKILL) }
        #expect(eventually(15) { second.output.contains("connected to broker") }, "\(second.output)")
        #expect(!second.output.contains("moved aside"), "the new journal is kept: \(second.output)")
        second.kill(SIGTERM)
        #expect(second.wait(seconds: 15) == 0)
    }

    /// After the city has a board's readings, its journal is lost: the new journal's readings must not carry
    /// sequence numbers the city already holds, or it would drop them as duplicates.
    @Test func readingsAfterALostJournalAreNotTakenForOldOnes() throws {
        let dir = Paths.scratch("lost-journal")
        let broker = try MosquittoBroker(directory: dir)
        let dbPath = dir + "/city.sqlite"
        let state = dir + "/state"
        let aggregator = try CityAggregator.start(broker: broker, db: dbPath, clientID: "agg-lost", logs: dir)
        defer { aggregator.kill(SIGKILL) }
        let store = try AggregatorStore(path: dbPath)
        func start(_ name: String) throws -> ChildProcess { try Self.gateway(broker: broker, state: state, logs: dir, name: name) }
        let first = try start("gateway-1")
        defer { first.kill(SIGKILL) }
        #expect(eventually(30) { (try store.allReadings().count) >= 100 }, "\(first.output)")
        first.kill(SIGTERM)
        #expect(first.wait(seconds: 15) == 0)
        var before = -1
        _ = eventually(10) {
            // settled: nothing more of the first run on its way
            let now = try store.allReadings().count
            defer { before = now }
            Thread.sleep(forTimeInterval: 1)
            return now == before
        }
        let old = Set(try store.allReadings().map(\.reading.key))

        let journal = state + "/journal.sqlite"
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: journal + suffix) }
        try Data(repeating: 0x5a, count: 65_536).write(to: URL(fileURLWithPath: journal))
        let second = try start("gateway-2")
        defer { second.kill(SIGKILL) }
        #expect(eventually(20) { second.output.contains("journal was corrupt") }, "\(second.output)")
        #expect(eventually(30) { (try ReadingJournal(path: journal).summary().totalCount) >= 50 }, "\(second.output)")
        second.kill(SIGTERM)
        #expect(second.wait(seconds: 15) == 0)
        let fresh = try ReadingJournal(path: journal).all().map(\.reading.key)
        #expect(fresh.count >= 50)
        #expect(Set(fresh).isDisjoint(with: old), "new readings reuse sequence numbers the city already holds")
        #expect(eventually(20) { Set(try store.allReadings().map(\.reading.key)).isSuperset(of: fresh) },
                "the city has \((try? store.allReadings().count) ?? -1) readings, \(old.count) from before; the new journal \(fresh.count)")
    }
}
