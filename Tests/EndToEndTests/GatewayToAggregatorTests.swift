import AggregatorKit
import Foundation
import GatewayCore
import Journal
import Testing
import TestSupport

/// The walking skeleton, on real parts: Mosquitto, libmosquitto, SQLite files, and both programs as
/// subprocesses. The gateway runs an example site on the simulated board with accelerated sampling.
@Suite(.serialized) struct GatewayToAggregatorTests {
    static let site = Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml"

    func startGateway(broker: MosquittoBroker, state: String, logs: String, name: String) throws -> ChildProcess {
        try ChildProcess(Paths.binary("sensor-gateway"),
                         ["run", "--config", Self.site, "--simulate", "--broker", broker.address,
                          "--state-dir", state, "--keepalive", "5", "--speedup", "10"],
                         logDirectory: logs, name: name)
    }

    @Test func everyJournaledReadingReachesTheAggregatorOnceAndTotalsSurviveRestart() throws {
        let dir = Paths.scratch("e2e")
        let broker = try MosquittoBroker(directory: dir)
        let dbPath = dir + "/city.sqlite"
        let state = dir + "/state"
        let aggregator = try CityAggregator.start(broker: broker, db: dbPath, clientID: "agg-e2e", logs: dir)
        defer { aggregator.kill(SIGKILL) }
        let store = try AggregatorStore(path: dbPath)

        // First run: several sampling periods, then SIGKILL (no clean goodbye).
        var gateway = try startGateway(broker: broker, state: state, logs: dir, name: "gateway-1")
        #expect(eventually(20) { (try store.allReadings().count) >= 20 }, "aggregator got too few readings: \(gateway.output)")
        #expect(try store.statusHistory().contains { $0.state == "online" })
        gateway.kill(SIGKILL)
        gateway.wait(seconds: 5)
        // The broker publishes the retained will after 1.5 × keepalive (7.5 s).
        #expect(eventually(15) { try store.statusHistory().last?.state == "offline" },
                "no offline status after SIGKILL: \((try? store.statusHistory()) ?? [])")

        let journalPath = state + "/journal.sqlite"
        let beforeRestart = try ReadingJournal(path: journalPath).channelStates()
        let lastSums = try Dictionary(grouping: ReadingJournal(path: journalPath).all().map(\.reading).filter { $0.sum != nil },
                                      by: \.key.channel).mapValues { $0.max { $0.key.sequence < $1.key.sequence }! }
        #expect(!lastSums.isEmpty, "the building example has pulse energy meters")

        // Second run continues totals and sequences where the first left them.
        gateway = try startGateway(broker: broker, state: state, logs: dir, name: "gateway-2")
        #expect(eventually(15) { try store.statusHistory().last?.state == "online" })
        let countAtRestart = try store.allReadings().count
        #expect(eventually(20) { (try store.allReadings().count) >= countAtRestart + 20 })
        gateway.kill(SIGTERM)
        #expect(gateway.wait(seconds: 10) == 0, "gateway did not stop cleanly: \(gateway.output)")
        #expect(eventually(5) { try store.statusHistory().last?.state == "offline" })

        let journal = try ReadingJournal(path: journalPath).all()
        #expect(eventually(10) { (try store.allReadings().count) == journal.count },
                "journal has \(journal.count), aggregator \((try? store.allReadings().count) ?? -1)")
        aggregator.kill(SIGTERM)
        #expect(aggregator.wait(seconds: 10) == 0, "aggregator did not stop cleanly: \(aggregator.output)")

        // Exactly the journaled readings: same identities, same values, each once. Sampled values travel at their
        // sensor's or meter's resolution (MeasurementResolution: within a thousandth of a step; this site's
        // coarsest is the 2.4 kWh import pulse), so they match the journal to that; derived ones exactly.
        func same(_ a: MeasuredValue?, _ b: MeasuredValue?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return a.unit == b.unit && abs(a.value - b.value) < 0.005
        }
        let stored = try store.allReadings().map(\.reading)
        #expect(Set(stored.map(\.key)).count == stored.count)
        let byKey = Dictionary(uniqueKeysWithValues: stored.map { ($0.key, $0) })
        for j in journal {
            let r = try #require(byKey[j.reading.key], "aggregator lacks \(j.reading.key)")
            #expect(same(r.value, j.reading.value) && same(r.sum, j.reading.sum) && r.time == j.reading.time && r.quality == j.reading.quality,
                    "\(j.reading.key): aggregator \(String(describing: r.value)) \(String(describing: r.sum)), journal \(String(describing: j.reading.value)) \(String(describing: j.reading.sum))")
        }
        #expect(stored.count == journal.count)
        #expect(journal.allSatisfy { $0.sentAt != nil }, "every reading was acknowledged and marked sent")

        // Totals continued: the first reading after the restart carries on from the last before it.
        let newReadings = journal.map(\.reading).filter { r in
            guard let before = beforeRestart.first(where: { $0.channel == r.key.channel }) else { return false }
            return r.key.sequence == before.lastSequence + 1
        }
        #expect(!newReadings.isEmpty)
        for r in newReadings {
            if let previous = lastSums[r.key.channel], let sum = r.sum, let prevSum = previous.sum {
                #expect(sum.value >= prevSum.value, "\(r.key.channel) total went back from \(prevSum) to \(sum)")
                // Relative: heat totals travel in J (about 1e7 after minutes), where one ulp is already ~2e-9.
                #expect(abs(sum.value - prevSum.value - (r.value?.value ?? 0)) <= 1e-12 * max(1, abs(sum.value)),
                        "increment and total disagree")
            }
        }
        let report = try store.report(fiscalYear: FiscalYear(containing: UnixTime(seconds: Date().timeIntervalSince1970)))
        let building = try #require(report.sites.first { $0.site == "sapporo-cityhall" })
        #expect(building.energyImportedKWh > 0)
        #expect(building.devices.first?.received == journal.count)
        // Expected is what the declared intervals say should exist from the board's first appearance to now: the
        // restart and the time since the final stop leave readings missing, so it is at least what was journaled.
        let board = try #require(building.devices.first)
        #expect(board.expected >= journal.count && board.completeness > 0 && board.completeness <= 1)
    }
}
