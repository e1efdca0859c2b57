import AggregatorKit
import Foundation
import GatewayCore
import MQTTTransport
import Testing
import TestSupport

/// `kpi-aggregator run --partition K/N` on one PostgreSQL database and a real Mosquitto: each instance stores its
/// part of the boards only, together they store every reading once with no false gap and the rollups one
/// instance makes; a standby for a part takes over when its owner is killed, from the part's queued session.
@Suite(.serialized) struct PartitionedAggregatorTests {
    let boards = 10

    /// Publishes packs `seqs` of every board (two channels each; every fifth pack twice, as a board resends what it
    /// never saw acknowledged) and waits until the broker acknowledged them all.
    func publish(_ seqs: ClosedRange<Int>, to broker: MosquittoBroker) throws {
        let board = try MQTTClient(.init(host: "127.0.0.1", port: broker.port, clientID: "boards-\(seqs.lowerBound)", maxInflightMessages: 100))
        try board.connect()
        _ = board.pollUntil(timeoutMilliseconds: 3000) { if case .connected = $0 { true } else { false } }
        let now = Date().timeIntervalSince1970
        var acknowledged = 0, sent = 0
        for seq in seqs {
            for b in 0..<boards {
                for _ in 0..<(seq % 5 == 0 ? 2 : 1) {
                    _ = try board.publish(MQTTMessage(topic: "sgw/site-\(b % 3)/gw\(b)/data", payload: Array("""
                        [{"bn":"gw\(b):","n":"import","u":"kWh","v":0.5,"s":\(Double(seq) / 2),"seq":\(seq),"t":\(now - Double(100 - seq) * 60)},\
                        {"n":"pv","u":"kWh","v":0.25,"s":\(Double(seq) / 4),"seq":\(seq),"t":\(now - Double(100 - seq) * 60)}]
                        """.utf8), qos: 1))
                    sent += 1
                    for e in board.poll(timeoutMilliseconds: 0) { if case .acknowledged = e { acknowledged += 1 } }
                }
            }
        }
        #expect(eventually(20) {
            for e in board.poll(timeoutMilliseconds: 10) { if case .acknowledged = e { acknowledged += 1 } }
            return acknowledged >= sent
        }, "the broker acknowledged \(acknowledged) of \(sent)")
        board.disconnect()
    }

    func postgres() throws -> PostgresCluster? {
        guard PostgresCluster.isInstalled else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("PostgreSQL 15 is not installed") }
            else { print("SKIPPED: needs \(PostgresCluster.binaries) (apt install postgresql-15)") }
            return nil
        }
        return try PostgresCluster.shared()
    }

    @Test func threePartitionsStoreEveryReadingOnceAsOneInstanceDoes() throws {
        guard let cluster = try postgres() else { return }
        let dir = Paths.scratch("partitioned")
        let broker = try MosquittoBroker(directory: dir)
        let partitioned = try cluster.uri(database: "parts\(UUID().uuidString.prefix(6).lowercased())")
        let single = try cluster.uri(database: "one\(UUID().uuidString.prefix(6).lowercased())")
        let parts = try (0..<3).map {
            try CityAggregator.start(broker: broker, db: partitioned, clientID: "city", logs: dir, name: "part-\($0)",
                                     arguments: ["--partition", "\($0)/3"])
        }
        let one = try CityAggregator.start(broker: broker, db: single, clientID: "single", logs: dir, name: "single")
        defer { for a in parts + [one] { a.kill(SIGKILL) } }
        try publish(1...40, to: broker)
        let expected = boards * 40 * 2
        let a = try openCityStore(partitioned), b = try openCityStore(single)
        #expect(eventually(30) { (try? a.readingCount()) == expected && (try? b.readingCount()) == expected },
                "stored \((try? a.readingCount()) ?? -1) and \((try? b.readingCount()) ?? -1) of \(expected): \(parts.map(\.output))")
        for p in parts + [one] { p.kill(SIGTERM); p.wait(seconds: 10) }
        #expect(try a.readingCount() == expected)
        #expect(try a.gaps().isEmpty)
        let from = UnixTime(seconds: Date().timeIntervalSince1970 - 3 * 86_400), to = UnixTime(seconds: Date().timeIntervalSince1970 + 86_400)
        for r in ReadingRollup.Resolution.allCases {
            #expect(try a.rollups(r, from: from, to: to, device: nil) == (try b.rollups(r, from: from, to: to, device: nil)))
        }
        // Each stored its own part: the readings of the boards FNV-1a puts there, and dropped the others' messages.
        for (k, p) in parts.enumerated() {
            let mine = (0..<boards).filter { BoardPartition.index(of: "gw\($0)", among: 3) == k }.count
            let line = p.output.split(separator: "\n").first { $0.contains("readings stored") } ?? ""
            #expect(line.contains("stopped: \(mine * 40 * 2) readings stored, \(mine * 8 * 2) duplicates dropped, 0 refused"), "\(p.name): \(p.output.suffix(600))")
            #expect(line.contains("\((boards - mine) * 48) messages of other partitions dropped"), "\(p.name): \(line)")
            #expect(p.output.contains("owns partition \(k)/3"))
        }
    }

    @Test func aStandbyTakesOverWhenTheOwnerIsKilledAndNothingIsLost() throws {
        guard let cluster = try postgres() else { return }
        let dir = Paths.scratch("partition-standby")
        let broker = try MosquittoBroker(directory: dir)
        let db = try cluster.uri(database: "standby\(UUID().uuidString.prefix(6).lowercased())")
        let (owner, standby) = try ownerAndStandby(of: "0/1", broker: broker, db: db, logs: dir)
        defer { owner.kill(SIGKILL); standby.kill(SIGKILL) }
        try publish(1...20, to: broker)
        let store = try openCityStore(db)
        #expect(eventually(20) { (try? store.readingCount()) == boards * 20 * 2 }, "\(owner.output)")
        #expect(!standby.output.contains("subscribed to"), "the standby connected while the owner held the lock")
        owner.kill(SIGKILL)
        _ = owner.wait(seconds: 5)
        // Published while the part may have no owner: the broker queues them for the part's session.
        try publish(21...40, to: broker)
        #expect(eventually(30) { (try? store.readingCount()) == boards * 40 * 2 },
                "stored \((try? store.readingCount()) ?? -1): \(standby.output)")
        #expect(standby.output.contains("owns partition 0/1"))
        #expect(standby.output.contains("session resumed"), "\(standby.output)")
        #expect(try store.gaps().isEmpty)
        standby.kill(SIGTERM)
        #expect(standby.wait(seconds: 10) == 0)
    }
}

/// On SQLite the part's lock is `flock` on a file beside the database: a standby waits for it, and takes the part
/// (and the part's queued session) when the owner is killed.
@Suite struct SQLitePartitionLockTests {
    @Test func aStandbyWaitsForTheSidecarLockAndTakesOverFromAKilledOwner() throws {
        let dir = Paths.scratch("partition-sqlite")
        let broker = try MosquittoBroker(directory: dir)
        let db = dir + "/city.sqlite"
        let (owner, standby) = try ownerAndStandby(of: "1/2", broker: broker, db: db, logs: dir)
        defer { owner.kill(SIGKILL); standby.kill(SIGKILL) }
        #expect(FileManager.default.fileExists(atPath: db + ".partition-1-of-2.lock"))
        Thread.sleep(forTimeInterval: 1.5)
        #expect(!standby.output.contains("subscribed to"), "the standby connected while the owner held the lock")
        owner.kill(SIGKILL)
        #expect(eventually(10) { standby.output.contains("owns partition 1/2") && standby.output.contains("session resumed") },
                "\(standby.output)")
    }
}

/// An instance owning `part` (subscribed) and a second one for the same part, waiting for its lock.
func ownerAndStandby(of part: String, broker: MosquittoBroker, db: String, logs: String) throws -> (ChildProcess, ChildProcess) {
    let owner = try CityAggregator.start(broker: broker, db: db, clientID: "city", logs: logs, name: "owner",
                                         arguments: ["--partition", part])
    let standby = try ChildProcess(Paths.binary("kpi-aggregator"),
                                   ["run", "--broker", broker.address, "--db", db, "--client-id", "city", "--partition", part],
                                   logDirectory: logs, name: "standby")
    #expect(eventually(10) { standby.output.contains("waiting for partition \(part)") }, "\(standby.output)")
    return (owner, standby)
}

/// `--partition` values the command refuses before it touches the database or the broker.
@Suite struct PartitionOptionTests {
    @Test(arguments: [
        (["--partition", "3/3"], "--partition 3/3: K is 3, expected 0 to 2"),
        (["--partition", "1:3"], "expected K/N"),
        (["--partition", "0/100"], "N is 100, expected 1 to 64"),
        (["--partition", "0/2", "--share-group", "city"], "give one of the two"),
    ]) func badPartitionsAreRefused(_ options: [String], _ message: String) throws {
        let dir = Paths.scratch("partition-option")
        let child = try ChildProcess(Paths.binary("kpi-aggregator"),
                                     ["run", "--broker", "127.0.0.1:1", "--db", dir + "/city.sqlite"] + options,
                                     logDirectory: dir, name: "run")
        let status = child.wait(seconds: 20)
        #expect(status != nil && status != 0)
        #expect(child.output.contains(message), "\(child.output)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/city.sqlite"), "the database was opened")
    }
}
