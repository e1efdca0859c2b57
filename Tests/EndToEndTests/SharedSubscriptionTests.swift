import AggregatorKit
import Foundation
import GatewayCore
import MQTTTransport
import Testing
import TestSupport

/// Two `kpi-aggregator run` instances in one MQTT v5 shared subscription on one PostgreSQL database: the broker
/// gives each data message to one of them, and every reading is stored exactly once, including the ones a
/// board sends twice (a resend after a lost PUBACK), whichever instance gets the second copy.
@Suite(.serialized) struct SharedSubscriptionTests {
    @Test func twoAggregatorsShareTheBoardsAndStoreEachReadingOnce() throws {
        guard PostgresCluster.isInstalled else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("PostgreSQL 15 is not installed") }
            else { print("SKIPPED: needs \(PostgresCluster.binaries) (apt install postgresql-15)") }
            return
        }
        let dir = Paths.scratch("shared-subscription")
        let broker = try MosquittoBroker(directory: dir)
        let cluster = try PostgresCluster.shared()
        let db = try cluster.uri(database: "shared\(UUID().uuidString.prefix(6).lowercased())")
        let aggregators = try (1...2).map {
            try CityAggregator.start(broker: broker, db: db, clientID: "agg-\($0)", logs: dir, name: "aggregator-\($0)",
                                     arguments: ["--share-group", "city"])
        }
        defer { for a in aggregators { a.kill(SIGKILL) } }
        let board = try MQTTClient(.init(host: "127.0.0.1", port: broker.port, clientID: "board", maxInflightMessages: 100))
        try board.connect()
        _ = board.pollUntil(timeoutMilliseconds: 3000) { if case .connected = $0 { true } else { false } }
        let now = Date().timeIntervalSince1970
        let boards = 10, packs = 40
        var acknowledged = 0
        for seq in 1...packs {
            for b in 0..<boards {
                // Every fifth pack goes out twice, as a board resends what it never saw acknowledged.
                for _ in 0..<(seq % 5 == 0 ? 2 : 1) {
                    _ = try board.publish(MQTTMessage(topic: "sgw/site-\(b)/gw\(b)/data", payload: Array("""
                        [{"bn":"gw\(b):","n":"import","u":"kWh","v":0.5,"s":\(Double(seq) / 2),"seq":\(seq),"t":\(now - Double(packs - seq) * 60)},\
                        {"n":"pv","u":"kWh","v":0.25,"s":\(Double(seq) / 4),"seq":\(seq),"t":\(now - Double(packs - seq) * 60)}]
                        """.utf8), qos: 1))
                    for e in board.poll(timeoutMilliseconds: 0) { if case .acknowledged = e { acknowledged += 1 } }
                }
            }
        }
        let sent = boards * (packs + packs / 5)
        #expect(eventually(20) {
            for e in board.poll(timeoutMilliseconds: 10) { if case .acknowledged = e { acknowledged += 1 } }
            return acknowledged >= sent
        }, "the broker acknowledged \(acknowledged) of \(sent)")
        let store = try openCityStore(db)
        #expect(eventually(20) { (try? store.readingCount()) == boards * packs * 2 },
                "stored \((try? store.readingCount()) ?? -1) of \(boards * packs * 2): \(aggregators.map(\.output))")
        for a in aggregators { a.kill(SIGTERM); a.wait(seconds: 10) }
        // Both instances took a share of the stream.
        for a in aggregators {
            let stored = a.output.split(separator: "\n").first { $0.contains("readings stored") } ?? ""
            #expect(!stored.contains(": 0 readings stored"), "\(a.name): \(stored)")
            #expect(stored.contains("readings stored"), "\(a.name) said: \(a.output.suffix(500))")
        }
        #expect(try store.readingCount() == boards * packs * 2)
        #expect(try store.gaps().isEmpty)
    }
}
