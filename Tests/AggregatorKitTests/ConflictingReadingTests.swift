import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing

/// Issue 15: a reading with the (device, channel, seq) of a stored one but another value was dropped without
/// a trace, as if it were a redelivery.
@Suite struct ConflictingReadingTests {
    func store() throws -> AggregatorStore {
        let dir = NSTemporaryDirectory() + "agg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try AggregatorStore(path: dir + "/city.sqlite")
    }

    func imported(_ seq: UInt64, _ kWh: Double, at t: UnixTime) -> Reading {
        Reading(key: ReadingKey(device: "gw1", channel: "import", sequence: seq), time: t,
                value: MeasuredValue(kWh, "kWh"), sum: MeasuredValue(100 + kWh, "kWh"))
    }

    @Test func aSecondValueUnderAStoredSequenceIsKeptCountedAndReported() throws {
        let s = try store()
        let t = CivilTime.jstInstant(year: 2026, month: 6, day: 1)
        try s.recordStatus(DeviceStatus(state: "online", site: "site-a", siteKind: "building", device: "gw1", channels: [
            .init(id: "import", quantity: "energy", role: "import", unit: "kWh", intervalSeconds: 60, driver: "pulse-energy"),
        ]), receivedAt: t)
        #expect(try s.store([imported(1, 2, at: t)], site: "site-a", receivedAt: t) == 1)
        #expect(try s.store([imported(1, 2, at: t)], site: "site-a", receivedAt: t) == 0)   // a redelivery
        #expect(try s.conflictingReadings(device: "gw1").isEmpty)
        #expect(try s.store([imported(1, 7, at: t)], site: "site-a", receivedAt: t.adding(seconds: 5)) == 0)
        #expect(try s.store([imported(1, 7, at: t)], site: "site-a", receivedAt: t.adding(seconds: 9)) == 0)  // its redelivery

        let conflicts = try s.conflictingReadings(device: "gw1")
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.reading.value == MeasuredValue(7, "kWh"))
        #expect(conflicts.first?.storedValue == 2)
        #expect(conflicts.first?.receivedAt == t.adding(seconds: 5))

        let report = try s.report(fiscalYear: FiscalYear(2026), asOf: t.adding(seconds: 60))
        let site = try #require(report.sites.first)
        #expect(site.energyImportedKWh == 2, "the version stored first is the one counted")
        #expect(site.devices.first?.conflicts == 1)
        #expect(report.rendered(as: .table).contains("1 conflicting duplicates (kept aside, not counted)"))
        let csv = report.rendered(as: .csv).split(separator: "\n")
        #expect(csv.first?.hasSuffix(",conflicts") == true)
        #expect(csv.last?.hasSuffix(",1") == true)
        #expect(report.rendered(as: .json).contains("\"conflicts\" : 1"))
    }
}
