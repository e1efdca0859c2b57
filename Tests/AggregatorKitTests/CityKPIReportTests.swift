import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing

/// The plan KPIs computed from readings in a real store, through `KPIQueries`.
@Suite struct CityKPIReportTests {
    func store() throws -> AggregatorStore {
        let dir = NSTemporaryDirectory() + "citykpi-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try AggregatorStore(path: dir + "/city.sqlite")
    }

    func reading(_ device: String, _ channel: String, _ seq: UInt64, _ v: Double, _ unit: String, at t: UnixTime) -> Reading {
        Reading(key: ReadingKey(device: DeviceID(device), channel: ChannelID(channel), sequence: seq), time: t, value: MeasuredValue(v, unit))
    }

    /// FY2019 recharge of 11,790,000 m³ by the boards' water balance: the plan's 1,179 万m³ and −167 %.
    func kumamoto2019(skipping skipped: UInt64? = nil) throws -> CityKPIReport {
        let s = try store()
        let t0 = CivilTime.jstInstant(year: 2019, month: 6, day: 1, hour: 12)
        try s.recordStatus(DeviceStatus(state: "online", site: "kumamoto-paddy-01", siteKind: "recharge-paddy", device: "paddy-gw"), receivedAt: t0)
        var readings: [Reading] = []
        for seq in UInt64(1)...5 where seq != skipped {
            readings.append(reading("paddy-gw", "recharge", seq, 2_358_000, "m3", at: t0.adding(seconds: Double(seq) * 86_400)))
        }
        // Paddy level: flooded (≥ 0.02 m) on June 1–3 and 5, dry on June 4.
        for (day, depth) in [(1, 0.05), (2, 0.06), (3, 0.04), (4, 0.01), (5, 0.05)] {
            let at = CivilTime.jstInstant(year: 2019, month: 6, day: day, hour: 9)
            readings.append(reading("paddy-gw", "paddy-level", UInt64(day), depth, "m", at: at))
        }
        try s.store(readings, site: "kumamoto-paddy-01", receivedAt: t0)
        try s.recordStatus(DeviceStatus(state: "offline", site: "kumamoto-paddy-01", device: "paddy-gw"), receivedAt: t0.adding(seconds: 7 * 86_400))
        return try CityKPICalculator.report(plan: CityFileReader.load(Paths.city("kumamoto")), year: FiscalYear(2019), data: StoredKPIs(s))
    }

    @Test func kumamotoRechargeAchievementFromTheWaterBalance() throws {
        let report = try kumamoto2019()
        let kpi = try #require(report.kpis.first { $0.id == "groundwater-recharge" })
        #expect(kpi.value == 1179.0 && kpi.shown == "1179.0" && kpi.unit == "万m3")
        #expect(kpi.achievementPercent == -167)
        #expect(kpi.status == .complete && kpi.incompleteness == nil)
        #expect(kpi.monthly[2] == 1179.0, "all in June (index 2 from April)")
        #expect(kpi.provenance.channels == ["kumamoto-paddy-01:recharge (volume)"])
        #expect(kpi.provenance.received == 5 && kpi.provenance.expected == 5)
        let history = try #require(report.sites.first { $0.site == "kumamoto-paddy-01" }).boardHistory
        #expect(history.map(\.state) == ["online", "offline"])
    }

    @Test func anIncompleteYearSaysSoAndByHowMuch() throws {
        let kpi = try #require(try kumamoto2019(skipping: 3).kpis.first { $0.id == "groundwater-recharge" })
        #expect(kpi.status == .incomplete)
        #expect(kpi.value == 943.2)
        #expect(kpi.incompleteness?.hasPrefix("1 of 5 expected readings missing (20.0 %): kumamoto-paddy-01:recharge 1 of 5 readings missing") == true,
                "\(kpi.incompleteness ?? "")")
        #expect(try kumamoto2019(skipping: 3).table.contains("INCOMPLETE"))
    }

    @Test func floodedDaysPerSiteFromThePaddyLevel() throws {
        let kpi = try #require(try kumamoto2019().kpis.first { $0.id == "flooded-days" })
        #expect(kpi.value == 4)
        let site = try #require(kpi.perSite.first)
        #expect(site.site == "kumamoto-paddy-01" && site.value == 4)
        #expect(site.note?.contains("interrupted 2019-06-04–2019-06-04 (1 days)") == true, "\(site.note ?? "")")
    }

    @Test func sapporoCO2WithTheFactorsInForceAndAgainstTheBaseYear() throws {
        let s = try store()
        let t = CivilTime.jstInstant(year: 2023, month: 10, day: 2, hour: 9)
        try s.store([
            reading("sapporo-cityhall-gw1", "grid-import", 1, 600_000, "kWh", at: t),
            // 20,000 MJ of district heat, published in J.
            reading("sapporo-cityhall-gw1", "district-heat", 1, 2e10, "J", at: t),
            reading("sapporo-cityhall-gw1", "pv-generation", 1, 50_000, "kWh", at: t),
            reading("sapporo-cityhall-gw1", "grid-export", 1, 5_000, "kWh", at: t),
        ], site: "sapporo-cityhall", receivedAt: t)
        let report = try CityKPICalculator.report(plan: CityFileReader.load(Paths.city("sapporo")), year: FiscalYear(2023), data: StoredKPIs(s))
        let co2 = try #require(report.kpis.first { $0.id == "building-co2" })
        // 600,000 kWh × 0.532 + 20,000 MJ × 0.059 = 319.2 + 1.18 t.
        #expect(co2.value == 320.4)
        #expect(co2.details.first?.value == 414.1, "at FY2012 factors: 600,000 × 0.688 + 20,000 × 0.065 kg")
        #expect(co2.provenance.factors.map { "\($0.series)@\($0.version) FY\($0.fiscalYear)" } == [
            "hokkaido-electricity@plan-2019-fy2023 FY2023", "hokkaido-electricity@plan-2019 FY2012",
            "sapporo-district-heat@plan-2019-fy2023 FY2023", "sapporo-district-heat@plan-2019 FY2012",
        ])
        let eui = try #require(report.kpis.first { $0.id == "energy-use-intensity" })
        #expect(eui.value == 10.2, "600,000 kWh / 59,000 m²")
        #expect(eui.details.contains { $0.name == "primary energy" && $0.value == 5184 && $0.unit == "GJ" })
        let pv = try #require(report.kpis.first { $0.id == "pv-generation" })
        #expect(pv.value == 50.0)
        #expect(pv.details.contains { $0.name == "self-consumption" && $0.value == 90 })
        #expect(pv.details.contains { $0.name == "public buildings with PV" && $0.value == 1 })
    }

    @Test func kamishihoroCountsDisasterBasesAndIslandedHours() throws {
        let s = try store()
        let hour = CivilTime.jstInstant(year: 2026, month: 9, day: 6, hour: 3)
        var readings: [Reading] = []
        for h in 0..<4 {
            let at = hour.adding(seconds: Double(h) * 3600 + 60)
            // Grid gone for hours 1 and 2; the microgrid supplies throughout.
            readings.append(reading("th-gw", "grid-import", UInt64(h + 1), h == 1 || h == 2 ? 0 : 12, "kWh", at: at))
            readings.append(reading("th-gw", "microgrid-supply", UInt64(h + 1), 8, "kWh", at: at))
        }
        try s.store(readings, site: "kamishihoro-townhall", receivedAt: hour)
        let report = try CityKPICalculator.report(plan: CityFileReader.load(Paths.city("kamishihoro")), year: FiscalYear(2026), data: StoredKPIs(s))
        let bases = try #require(report.kpis.first { $0.id == "disaster-bases-metered" })
        #expect(bases.value == 1 && bases.status == .incomplete, "the community centre sent nothing")
        #expect(report.kpis.first { $0.id == "hours-islanded" }?.value == 2)
        #expect(report.kpis.first { $0.id == "biogas-generation" }?.status == .noData)
        #expect(report.kpis.first { $0.id == "biogas-generation" }?.shown == "no data")
    }

    @Test func perSiteTableCallsMeteredIntakeWhatItIs() throws {
        let s = try store()
        let t = CivilTime.jstInstant(year: 2026, month: 7, day: 1, hour: 10)
        try s.recordStatus(DeviceStatus(state: "online", site: "p", siteKind: "recharge-paddy", device: "gw", channels: [
            .init(id: "inflow", quantity: "volume", role: "inflow", unit: "m3", intervalSeconds: 60, driver: "pulse-flow"),
            .init(id: "recharge", quantity: "volume", role: nil, unit: "m3", intervalSeconds: 60, driver: "derived:paddy-water-balance"),
        ]), receivedAt: t)
        try s.store([
            Reading(key: ReadingKey(device: "gw", channel: "inflow", sequence: 1), time: t, value: MeasuredValue(1234.5, "m3"),
                    sum: MeasuredValue(1234.5, "m3")),
            reading("gw", "recharge", 1, 1234.5, "m3", at: t),
        ], site: "p", receivedAt: t)
        let table = try s.report(fiscalYear: FiscalYear(2026)).rendered(as: .table)
        #expect(!table.contains("recharge inflow"), "metered intake is not recharge")
        #expect(table.contains("  metered intake ") && table.contains("1234.500 m3  (inflow meter)"))
        #expect(table.contains("(0.1 万m3, water balance"), "万m³ to one decimal, as the plans print it")
    }
}
