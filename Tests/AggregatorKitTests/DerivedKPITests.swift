import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing

@Suite struct DerivedKPITests {
    @Test func derivedQuantitiesFeedTheReport() throws {
        let dir = NSTemporaryDirectory() + "derived-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try AggregatorStore(path: dir + "/city.sqlite")
        let t = CivilTime.jstInstant(year: 2026, month: 7, day: 1, hour: 10)
        func derived(_ id: String, _ quantity: String, _ unit: String) -> DeviceStatus.Channel {
            .init(id: id, quantity: quantity, role: nil, unit: unit, intervalSeconds: 60, driver: "derived:x")
        }
        try store.recordStatus(DeviceStatus(state: "online", site: "s", siteKind: "building", device: "gw", channels: [
            derived("import-demand", "demand", "kW"), derived("import-demand-predicted", "demand", "kW"),
            derived("district-heat", "heat", "MJ"), derived("recharge", "volume", "m3"),
            derived("depth-below-mp", "water-level", "m"),
        ]), receivedAt: t)
        func r(_ c: String, _ seq: UInt64, _ v: Double, _ u: String, at: UnixTime) -> Reading {
            Reading(key: ReadingKey(device: "gw", channel: ChannelID(c), sequence: seq), time: at, value: MeasuredValue(v, u))
        }
        try store.store([
            r("import-demand", 1, 240, "kW", at: t), r("import-demand", 2, 310, "kW", at: t.adding(seconds: 1800)),
            r("import-demand-predicted", 1, 999, "kW", at: t),
            r("district-heat", 1, 826.5, "MJ", at: t), r("district-heat", 2, 100, "MJ", at: t.adding(seconds: 60)),
            r("recharge", 1, 12.5, "m3", at: t), r("recharge", 2, -2.5, "m3", at: t.adding(seconds: 60)),
            r("depth-below-mp", 1, 12.9, "m", at: t), r("depth-below-mp", 2, 12.84011, "m", at: t.adding(seconds: 60)),
        ], site: "s", receivedAt: t)
        let site = try #require(try store.report(fiscalYear: FiscalYear(2026)).sites.first)
        #expect(site.peakDemandKW == 310, "predicted demand is not a measured peak")
        #expect(abs(site.heatMegajoules - 926.5) < 1e-9)
        #expect(abs(site.rechargeWaterBalanceCubicMetres - 10) < 1e-9)
        #expect(site.latestDepthToWaterMetres == 12.84011)
        let table = try store.report(fiscalYear: FiscalYear(2026)).rendered(as: .table)
        #expect(table.contains("peak demand") && table.contains("heat"))
    }
}
