import AggregatorKit
import Foundation
import GatewayCore
import Journal
import Testing
import TestSupport

/// SIGKILL at random moments while the gateway publishes, twenty times over: the aggregator (a separate
/// process) ends up with every journaled reading, every channel's sequence has no gap, and running totals
/// never step back.
@Suite(.serialized) struct GatewayKillTests {
    @Test func twentyKillsWhilePublishingLoseNothingAndTotalsStayContinuous() throws {
        let dir = Paths.scratch("sigkill")
        let broker = try MosquittoBroker(directory: dir)
        let dbPath = dir + "/city.sqlite"
        let state = dir + "/state"
        let aggregator = try CityAggregator.start(broker: broker, db: dbPath, clientID: "agg-kill", logs: dir)
        defer { aggregator.kill(SIGKILL) }
        let store = try AggregatorStore(path: dbPath)

        var moments: [Double] = []
        func start(_ name: String) throws -> ChildProcess {
            try ChildProcess(Paths.binary("sensor-gateway"), [
                "run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml", "--simulate",
                "--speedup", "60", "--broker", broker.address, "--state-dir", state, "--keepalive", "5"],
                logDirectory: dir, name: name)
        }
        var outputs: [String] = []
        for round in 1...20 {
            let gateway = try start("gateway-\(round)")
            // During publishing: once connected, at a random moment in the next two seconds.
            try #require(eventually(20) { gateway.output.contains("connected to broker") }, "\(gateway.output)")
            // Printed with any failure, so a failing run can be replayed by hand.
            let moment = Double.random(in: 0..<2)
            moments.append(moment)
            Thread.sleep(forTimeInterval: moment)
            gateway.kill(SIGKILL)
            gateway.wait(seconds: 5)
            outputs.append(gateway.output)
        }
        let last = try start("gateway-final")
        try #require(eventually(20) { last.output.contains("connected to broker") }, "\(last.output)")
        #expect(eventually(60) { (try ReadingJournal(path: state + "/journal.sqlite").unsentBeforeNewestTick()) == 0 },
                "backlog not drained: \(last.output)")
        last.kill(SIGTERM)
        #expect(last.wait(seconds: 15) == 0, "\(last.output)")
        outputs.append(last.output)
        #expect(!outputs.contains { $0.contains("moved aside") }, "a killed gateway left a journal it could not open")

        let journal = try ReadingJournal(path: state + "/journal.sqlite").all().map(\.reading)
        #expect(eventually(20) { (try store.allReadings().count) == journal.count },
                "journal \(journal.count), aggregator \((try? store.allReadings().count) ?? -1); kill moments \(moments)")
        let stored = try store.allReadings().map(\.reading)
        #expect(Set(stored.map(\.key)) == Set(journal.map(\.key)), "kill moments \(moments)")

        for (channel, readings) in Dictionary(grouping: stored, by: \.key.channel) {
            let ordered = readings.sorted { $0.key.sequence < $1.key.sequence }
            let sequences = ordered.map(\.key.sequence)
            #expect(sequences == Array(sequences[0]...sequences[sequences.count - 1]), "\(channel): a gap in the sequence")
            let sums = ordered.compactMap { $0.sum?.value }
            #expect(zip(sums, sums.dropFirst()).allSatisfy { $0 <= $1 }, "\(channel): a running total stepped back: \(sums)")
        }
        #expect(stored.contains { $0.sum != nil }, "the building example has running totals to check")
    }
}

