import AggregatorKit
import Foundation
import GatewayCore
import Journal
import MQTTTransport
import SenML
import Testing
import TestSupport

/// After an outage the backlog replays at its configured pace while live readings go straight out, and the
/// board's persistent session is resumed. An independent subscriber (its own persistent session, so it misses
/// nothing across the broker restart) judges what arrived and when.
@Suite(.serialized) struct BacklogReplayTests {
    @Test func backlogReplaysPacedWhileLiveReadingsGoFirst() throws {
        let dir = Paths.scratch("replay")
        let broker = try MosquittoBroker(directory: dir, extraConfig: [
            "persistence true", "persistence_location \(dir)/", "autosave_interval 1",
            "log_type notice", "connection_messages true"])
        let judgeOptions = MQTTConnectionOptions(host: "127.0.0.1", port: broker.port, clientID: "judge",
                                                 sessionExpirySeconds: 3600, maxInflightMessages: 100)
        var judge = try MQTTClient(judgeOptions)
        try judge.connect()
        try judge.subscribe("sgw/+/+/data", qos: 1)
        #expect(!judge.pollUntil(timeoutMilliseconds: 5000) { if case .subscribed = $0 { true } else { false } }.isEmpty)

        let state = dir + "/state"
        let rate = 40
        let gateway = try ChildProcess(Paths.binary("sensor-gateway"), [
            "run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml", "--simulate", "--speedup", "60",
            "--broker", broker.address, "--state-dir", state, "--keepalive", "5",
            "--replay-readings-per-second", "\(rate)"], logDirectory: dir, name: "gateway")
        defer { gateway.kill(SIGKILL) }
        try #require(eventually(15) { gateway.output.contains("connected to broker") }, "\(gateway.output)")
        #expect(eventually(5) { broker.log.contains("as sgw-sapporo-cityhall") && broker.log.contains("(p5, c0, k5)") },
                "the board asks for MQTT v5 with a persistent session: \(broker.log)")

        let stopping = Date()
        broker.stop()
        #expect(Date().timeIntervalSince(stopping) < 4, "the broker ignored SIGTERM, so it never saved the sessions")
        judge = try MQTTClient(judgeOptions)
        Thread.sleep(forTimeInterval: 15)
        let restartedAt = UnixTime(seconds: Date().timeIntervalSince1970)
        try broker.start()
        try judge.connect()

        var arrivals: [(at: Double, reading: Reading)] = []
        let deadline = Date().addingTimeInterval(90)
        var drainedAt: Date?
        while Date() < deadline {
            for event in judge.poll(timeoutMilliseconds: 50) {
                guard case .message(let m) = event, let readings = try? SenMLPack.decode(m.payload, topic: m.topic) else { continue }
                let now = Date().timeIntervalSince1970
                arrivals += readings.map { (now, $0) }
            }
            if drainedAt == nil, (try? ReadingJournal(path: state + "/journal.sqlite").unsentBeforeNewestTick()) == 0 { drainedAt = Date() }
            if let drainedAt, Date().timeIntervalSince(drainedAt) > 2 { break }
        }
        #expect(drainedAt != nil, "backlog not drained: \(gateway.output)")
        #expect(gateway.output.contains("(session resumed)"), "\(gateway.output)")

        let backlog = arrivals.filter { $0.reading.time < restartedAt }
        try #require(backlog.count > 4 * rate, "too small a backlog to judge pacing: \(backlog.count)")
        let firstArrival = arrivals[0].at
        let backlogDone = backlog.map(\.at).max()!
        // Paced: the backlog took about backlog/rate seconds (less one second's burst), not an instant.
        let expected = Double(backlog.count - rate) / Double(rate)
        #expect(backlogDone - firstArrival >= 0.8 * expected, "\(backlog.count) readings in \(backlogDone - firstArrival) s")
        // Not starved: readings taken after the replay began arrived before it ended.
        #expect(arrivals.contains { $0.reading.time.seconds > firstArrival + 1 && $0.at < backlogDone },
                "live readings waited for the backlog")

        let journal = try ReadingJournal(path: state + "/journal.sqlite").all()
        let before = journal.filter { $0.reading.time < restartedAt }.map(\.reading.key)
        #expect(Set(before).isSubset(of: Set(arrivals.map(\.reading.key))), "backlog readings missing")
        var seen = Set<ReadingKey>()
        let firstArrivals = arrivals.filter { seen.insert($0.reading.key).inserted }
        for (channel, part) in Dictionary(grouping: firstArrivals, by: { $0.reading.key.channel }) {
            let sequences = part.map(\.reading.key.sequence)
            #expect(ArrivalOrder.isBacklogAndLiveInOrder(sequences), "\(channel): \(sequences)")
        }
    }
}
