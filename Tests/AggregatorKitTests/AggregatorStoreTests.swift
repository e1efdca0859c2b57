import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing

@Suite struct AggregatorStoreTests {
    func store() throws -> AggregatorStore {
        let dir = NSTemporaryDirectory() + "agg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try AggregatorStore(path: dir + "/city.sqlite")
    }

    func status(_ state: String, device: String = "gw1", site: String = "site-a") -> DeviceStatus {
        DeviceStatus(state: state, site: site, siteKind: "building", municipality: "Sapporo", device: device,
                     channels: [
                        .init(id: "import", quantity: "energy", role: "import", unit: "kWh", intervalSeconds: 60, driver: "pulse-energy"),
                        .init(id: "pv", quantity: "energy", role: "generation", unit: "Wh", intervalSeconds: 60, driver: "pulse-energy"),
                        .init(id: "inflow", quantity: "volume", role: "inflow", unit: "l", intervalSeconds: 60, driver: "pulse-flow"),
                        .init(id: "indoor", quantity: "temperature", role: "indoor", unit: "Cel", intervalSeconds: 60, driver: "tmp117"),
                     ])
    }

    func total(_ channel: String, _ seq: UInt64, _ v: Double, unit: String, at t: UnixTime, device: String = "gw1") -> Reading {
        Reading(key: ReadingKey(device: DeviceID(device), channel: ChannelID(channel), sequence: seq), time: t,
                value: MeasuredValue(v, unit), sum: MeasuredValue(v * Double(seq), unit))
    }

    @Test func duplicatesAreDroppedOnDeviceChannelSequence() throws {
        let s = try store()
        let t = CivilTime.jstInstant(year: 2026, month: 5, day: 1)
        let r = [total("import", 1, 2, unit: "kWh", at: t), total("import", 2, 2, unit: "kWh", at: t)]
        #expect(try s.store(r, site: "site-a", receivedAt: t) == 2)
        #expect(try s.store(r, site: "site-a", receivedAt: t) == 0)
        #expect(try s.allReadings().count == 2)
    }

    @Test func fiscalYearTotalsFollowRolesUnitsAndJSTBoundaries() throws {
        let s = try store()
        let t0 = CivilTime.jstInstant(year: 2026, month: 4, day: 1)
        try s.recordStatus(status("online"), receivedAt: t0)
        try s.store([
            total("import", 1, 10, unit: "kWh", at: t0.adding(seconds: -1)),       // FY2025: excluded
            total("import", 2, 10, unit: "kWh", at: t0),                           // first instant of FY2026
            total("import", 3, 5, unit: "kWh", at: t0.adding(seconds: 60)),
            total("pv", 1, 1500, unit: "Wh", at: t0.adding(seconds: 60)),          // 1.5 kWh
            total("inflow", 1, 12_340, unit: "l", at: t0.adding(seconds: 60)),     // 12.34 m3
            Reading(key: ReadingKey(device: "gw1", channel: "indoor", sequence: 1), time: t0, value: MeasuredValue(21, "Cel")),
        ], site: "site-a", receivedAt: t0)
        let report = try s.report(fiscalYear: FiscalYear(2026))
        let site = try #require(report.sites.first)
        #expect(site.energyImportedKWh == 15)
        #expect(abs(site.energyGeneratedKWh - 1.5) < 1e-12)
        #expect(abs(site.rechargeInflowCubicMetres - 12.34) < 1e-9)
        #expect(site.kind == "building")
        #expect(report.from == "2026-04-01T00:00:00.000+09:00")
    }

    @Test func completenessCountsGapsInSequence() throws {
        let s = try store()
        let t = CivilTime.jstInstant(year: 2026, month: 6, day: 1)
        try s.recordStatus(status("online"), receivedAt: t)
        try s.store([1, 2, 4, 5, 8].map { total("import", $0, 1, unit: "kWh", at: t) }, site: "site-a", receivedAt: t)
        let d = try #require(try s.report(fiscalYear: FiscalYear(2026)).sites.first?.devices.first)
        #expect(d.received == 5 && d.expected == 8)
        #expect(d.state == "online")
    }

    @Test func statusHistoryRecordsTransitionsOnly() throws {
        let s = try store()
        let t = UnixTime(milliseconds: 1_790_000_000_000)
        try s.recordStatus(status("online"), receivedAt: t)
        try s.recordStatus(status("online"), receivedAt: t.adding(seconds: 5))
        try s.recordStatus(status("offline"), receivedAt: t.adding(seconds: 10))
        #expect(try s.statusHistory().map(\.state) == ["online", "offline"])
        #expect(try s.statusHistory().last?.at == t.adding(seconds: 10))
    }

    @Test func reportRendersAllFormats() throws {
        let s = try store()
        let t = CivilTime.jstInstant(year: 2026, month: 6, day: 1)
        try s.recordStatus(status("online"), receivedAt: t)
        try s.store([total("import", 1, 2.5, unit: "kWh", at: t)], site: "site-a", receivedAt: t)
        let r = try s.report(fiscalYear: FiscalYear(2026))
        #expect(r.rendered(as: .table).contains("energy imported"))
        #expect(r.rendered(as: .csv).split(separator: "\n").count == 2)
        let json = r.rendered(as: .json)
        #expect(json.contains("\"energyImportedKWh\" : 2.5"))
    }
}
