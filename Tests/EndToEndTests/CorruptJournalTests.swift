import Foundation
import Journal
import MQTTTransport
import SenML
import Testing
import TestSupport

/// A journal SQLite calls corrupt is moved aside, said in the log and in the retained status, and the board
/// carries on with a new one: no crash loop, and the next start keeps the new journal.
@Suite(.serialized) struct CorruptJournalTests {
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
        func start(_ name: String) throws -> ChildProcess {
            try ChildProcess(Paths.binary("sensor-gateway"), [
                "run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml", "--simulate", "--speedup", "60",
                "--broker", broker.address, "--state-dir", state, "--keepalive", "5"], logDirectory: dir, name: name)
        }
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
}
