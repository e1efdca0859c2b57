import AggregatorKit
import Foundation
import GRDB
import GatewayCore
import Journal
import MQTTTransport
import SenML
import Testing
import TestSupport

/// The gap libmosquitto 2.0 leaves on the city side: it sends the PUBACK for a message before the aggregator
/// has committed it, so an aggregator that dies in between has lost readings the board already counts as
/// delivered. The aggregator notices the hole in each channel's sequence numbers once later readings arrive,
/// asks the board on its resend topic, and the board sends them again from its journal.
@Suite(.serialized) struct ResendTests {
    @Test func readingsTheAggregatorLostAfterThePUBACKAreAskedForAndComeBack() throws {
        let dir = Paths.scratch("resend")
        let broker = try MosquittoBroker(directory: dir)
        let dbPath = dir + "/city.sqlite"
        let state = dir + "/state"
        var aggregator = try CityAggregator.start(broker: broker, db: dbPath, clientID: "agg-resend", logs: dir)
        defer { aggregator.kill(SIGKILL) }
        let store = try AggregatorStore(path: dbPath)
        let gateway = try ChildProcess(Paths.binary("sensor-gateway"), [
            "run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml", "--simulate",
            "--speedup", "60", "--broker", broker.address, "--state-dir", state, "--keepalive", "5"],
            logDirectory: dir, name: "gateway")
        defer { gateway.kill(SIGKILL) }
        #expect(eventually(30) { (try store.allReadings().count) >= 200 }, "too few readings: \(gateway.output)")

        // The crash: the aggregator dies, and the newest readings it had acknowledged are not in its database.
        aggregator.kill(SIGKILL)
        aggregator.wait(seconds: 5)
        let lost: [ReadingKey] = try DatabaseQueue(path: dbPath).write { db in
            let keys = try Row.fetchAll(db, sql: "SELECT device, channel, seq FROM reading ORDER BY arrival DESC LIMIT 60").map {
                ReadingKey(device: DeviceID($0["device"]), channel: ChannelID($0["channel"]), sequence: UInt64($0["seq"] as Int64))
            }
            try db.execute(sql: "DELETE FROM reading WHERE arrival IN (SELECT arrival FROM reading ORDER BY arrival DESC LIMIT 60)")
            return keys
        }
        try #require(lost.count == 60)

        aggregator = try CityAggregator.start(broker: broker, db: dbPath, clientID: "agg-resend", logs: dir, name: "aggregator-2",
                                              arguments: ["--resend-after", "2"])
        let back = eventually(60) { Set(try store.allReadings().map(\.reading.key)).isSuperset(of: lost) }
        let missing = Set(lost).subtracting((try? store.allReadings().map(\.reading.key)) ?? [])
        #expect(back, "still missing \(missing.count): \(missing.sorted { "\($0)" < "\($1)" }.prefix(5)); aggregator: \(aggregator.output)\ngateway: \(gateway.output)")
        #expect(aggregator.output.contains("asked sapporo-cityhall-gw1 for"), "\(aggregator.output)")
        #expect(gateway.output.contains("the city asked for"), "\(gateway.output)")
        #expect(!gateway.output.contains("no longer in the journal"), "\(gateway.output)")

        // Readings the journal never held are counted, logged and shown in the board's status.
        let topics = TopicLayout(prefix: "sgw")
        let city = try MQTTClient(MQTTConnectionOptions(host: "127.0.0.1", port: broker.port, clientID: "resend-test"))
        try city.connect()
        _ = city.pollUntil(timeoutMilliseconds: 5000) { if case .connected = $0 { true } else { false } }
        let statusTopic = topics.status(site: "sapporo-cityhall", device: "sapporo-cityhall-gw1")
        _ = try city.subscribe(statusTopic, qos: 1)
        _ = try city.publish(MQTTMessage(topic: topics.resend(site: "sapporo-cityhall", device: "sapporo-cityhall-gw1"),
                                         payload: ResendRequest(channel: "grid-import", spans: [.init(from: 1_000_000, to: 1_000_009)]).encoded(),
                                         qos: 1))
        let events = city.pollUntil(timeoutMilliseconds: 10_000) {
            if case .message(let m) = $0, m.topic == statusTopic { DeviceStatus.decode(m.payload)?.resendUnavailable == 10 } else { false }
        }
        #expect(events.contains { if case .message(let m) = $0 { DeviceStatus.decode(m.payload)?.resendUnavailable == 10 } else { false } },
                "\(events)\n\(gateway.output)")
        #expect(gateway.output.contains("10 no longer in the journal"), "\(gateway.output)")
        city.disconnect()

        // Once the board has stopped and everything is in, the city has every journaled reading and no gap.
        gateway.kill(SIGTERM)
        #expect(gateway.wait(seconds: 15) == 0, "\(gateway.output)")
        let journal = try ReadingJournal(path: state + "/journal.sqlite").all().map(\.reading.key)
        #expect(eventually(30) { Set(try store.allReadings().map(\.reading.key)) == Set(journal) },
                "aggregator \((try? store.allReadings().count) ?? -1), journal \(journal.count)")
        #expect(eventually(10) { try store.gaps().isEmpty }, "\((try? store.gaps()) ?? [])")
    }
}
