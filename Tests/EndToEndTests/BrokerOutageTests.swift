import AggregatorKit
import Foundation
import GatewayCore
import Journal
import Testing
import TestSupport

/// The broker is away while the gateway samples ten minutes (accelerated): the gateway says so once, keeps
/// journaling, and when the broker comes back every reading arrives once, in order per channel.
@Suite(.serialized) struct BrokerOutageTests {
    @Test func tenMinutesWithoutBrokerLoseNothing() throws {
        let dir = Paths.scratch("outage")
        let port = try MosquittoBroker.freePort()
        let state = dir + "/state"
        let gateway = try ChildProcess(Paths.binary("sensor-gateway"),
                                       ["run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml", "--simulate",
                                        "--speedup", "10", "--broker", "127.0.0.1:\(port)", "--state-dir", state, "--keepalive", "5"],
                                       logDirectory: dir, name: "gateway")
        defer { gateway.kill(SIGKILL) }
        // 60 s at speedup 10: ten minutes of sampling with nowhere to send it.
        Thread.sleep(forTimeInterval: 5)
        let cpuBefore = Self.cpuSeconds(pid: gateway.process.processIdentifier)
        Thread.sleep(forTimeInterval: 55)
        let cpuDuringOutage = Self.cpuSeconds(pid: gateway.process.processIdentifier) - cpuBefore
        #expect(gateway.isRunning, "the gateway must not exit because the broker is away: \(gateway.output)")
        // The publisher sleeps until its next reconnect attempt; sampling at speedup 10 is all that works.
        // (It spun a whole core, 55 s of CPU here, while mosquitto_loop returned at once without a connection.)
        #expect(cpuDuringOutage < 0.05 * 55, "the gateway used \(cpuDuringOutage) s of CPU in 55 s of outage")
        let warnings = gateway.output.components(separatedBy: "unavailable").count - 1
        #expect(warnings == 1, "said once, not in a loop: \(gateway.output)")
        let backlog = try ReadingJournal(path: state + "/journal.sqlite").summary()
        #expect(backlog.unsentCount == backlog.totalCount && backlog.totalCount > 100, "\(backlog)")

        let broker = try MosquittoBroker(directory: dir, port: port)
        let dbPath = dir + "/city.sqlite"
        let aggregator = try CityAggregator.start(broker: broker, db: dbPath, clientID: "agg-outage", logs: dir)
        defer { aggregator.kill(SIGKILL) }
        let store = try AggregatorStore(path: dbPath)
        // Backoff is capped at 30 s with jitter, so the gateway is back within about half a minute.
        #expect(eventually(60) { (try ReadingJournal(path: state + "/journal.sqlite").unsentBeforeNewestTick()) == 0 },
                "backlog not drained: \(gateway.output)")
        gateway.kill(SIGTERM)
        #expect(gateway.wait(seconds: 15) == 0)
        let journal = try ReadingJournal(path: state + "/journal.sqlite").all()
        #expect(eventually(15) { (try store.allReadings().count) == journal.count })
        aggregator.kill(SIGTERM)
        aggregator.wait(seconds: 10)

        let stored = try store.allReadings()
        #expect(Set(stored.map(\.reading.key)) == Set(journal.map(\.reading.key)), "nothing missing, nothing extra")
        // Original timestamps survive the replay.
        let times = Dictionary(uniqueKeysWithValues: journal.map { ($0.reading.key, $0.reading.time) })
        #expect(stored.allSatisfy { times[$0.reading.key] == $0.reading.time })
        // Order per channel: live readings may overtake the replayed backlog, but each part arrives in
        // sequence order.
        let received = try store.receptionOrder()
        for (channel, keys) in Dictionary(grouping: received, by: { "\($0.device)/\($0.channel)" }) {
            #expect(ArrivalOrder.isBacklogAndLiveInOrder(keys.map(\.sequence)), "\(channel): \(keys.map(\.sequence))")
        }
    }

    /// User plus system CPU seconds a process has used so far, from /proc/<pid>/stat (fields 14 and 15).
    static func cpuSeconds(pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return .nan }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
