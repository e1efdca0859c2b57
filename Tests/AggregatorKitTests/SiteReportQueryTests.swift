@testable import AggregatorKit
import Foundation
import GatewayCore
import GRDB
import SenML
@testable import MQTTTransport
import TestSupport
import Testing

/// The per-site report is one query over the rollups (`SiteReportQuery`) that both stores run: these give both
/// stores a city with every figure the report shows and compare, and take the readings away from under it.
@Suite struct SiteReportQueryTests {
    typealias Backend = CityStoreContractTests.Backend

    static let boundary = FiscalYear(2026).start
    /// Completeness is counted up to here, the same for both stores.
    static let asOf = CivilTime.jstInstant(year: 2026, month: 11, day: 1)

    static func channel(_ id: String, _ quantity: String, _ role: String?, _ unit: String, _ driver: String,
                        every seconds: Double = 600) -> DeviceStatus.Channel {
        .init(id: id, quantity: quantity, role: role, unit: unit, intervalSeconds: seconds, driver: driver)
    }

    /// Boards of a paddy (metered inflow and outflow, its water balance), a hall (import, export, PV, demand and
    /// its prediction, heat), a well with two boards, a board that never sent a reading and one that never sent
    /// a status; readings on both sides of 2026-04-01 and in August, out of order, with faults, gaps, a repeated
    /// key with another value, a refused message and a quarantined reading. Values are multiples of 1/4 so any
    /// order of summation gives the same sums.
    static func fill(_ store: any CityStore) throws {
        let boards: [(site: String, kind: String?, device: String, channels: [DeviceStatus.Channel])] = [
            ("paddy-1", "paddy", "gw-paddy", [
                channel("inflow", "volume", "inflow", "m3", "pulse-flow"), channel("outflow", "volume", "outflow", "l", "pulse-flow"),
                channel("recharge", "volume", nil, "m3", "derived:paddy-water-balance"),
            ]),
            ("hall", "building", "gw-hall", [
                channel("grid-import", "energy", "import", "kWh", "pulse-energy"), channel("grid-export", "energy", "export", "Wh", "pulse-energy"),
                channel("pv", "energy", "generation", "MWh", "pulse-energy"),
                channel("import-demand", "demand", nil, "kW", "derived:demand", every: 1800),
                channel("import-demand-predicted", "demand", nil, "kW", "derived:demand", every: 1800),
                channel("district-heat", "heat", nil, "J", "derived:heat"),
            ]),
            ("hall", "building", "gw-hall-spare", [channel("spare-import", "energy", "import", "kWh", "pulse-energy")]),
            ("well-3", "well", "gw-well-a", [
                channel("depth-below-mp", "water-level", nil, "m", "derived:well"),
                channel("groundwater-elevation", "water-level", nil, "m", "derived:well"),
            ]),
            ("well-3", "well", "gw-well-b", [channel("depth-below-mp", "water-level", nil, "m", "derived:well")]),
            ("shed", nil, "gw-shed", [channel("grid-import", "energy", "import", "kWh", "pulse-energy")]),
        ]
        for b in boards where b.device != "gw-shed" {
            try store.recordStatus(BoardStatus(DeviceStatus(state: b.device == "gw-well-b" ? "offline" : "online", site: b.site,
                                                            siteKind: b.kind, municipality: "Kumamoto", device: b.device,
                                                            channels: b.channels)), receivedAt: boundary.adding(seconds: -86_400))
        }
        var rng = SplitMix64(seed: 6)
        var packs: [IncomingPack] = []
        for b in boards where b.device != "gw-hall-spare" {
            for c in b.channels {
                var sum = 0.0
                // Two days around the year's start, then two days in August.
                let times = (1...288).map { boundary.adding(seconds: Double($0) * 600 - 86_400) }
                    + (1...288).map { CivilTime.jstInstant(year: 2026, month: 8, day: 10).adding(seconds: Double($0) * 600) }
                var readings: [Reading] = []
                for (i, t) in times.enumerated() where rng.next() % 11 != 0 {
                    let v = Double(rng.next() % 4000) / 4 - (c.id == "recharge" ? 200 : 0)
                    sum += v
                    let totalizer = c.driver.hasPrefix("pulse")
                    readings.append(Reading(key: ReadingKey(device: DeviceID(b.device), channel: ChannelID(c.id), sequence: UInt64(i + 1)),
                                            time: t, value: MeasuredValue(v, c.unit), sum: totalizer ? MeasuredValue(sum, c.unit) : nil,
                                            quality: rng.next() % 19 == 0 ? .fault : .good))
                }
                for chunk in stride(from: 0, to: readings.count, by: 50) {
                    packs.append(IncomingPack(site: b.site, readings: Array(readings[chunk..<min(chunk + 50, readings.count)]),
                                              receivedAt: boundary))
                }
            }
        }
        for i in packs.indices.reversed() { packs.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        for chunk in stride(from: 0, to: packs.count, by: 7) { _ = try store.store(Array(packs[chunk..<min(chunk + 7, packs.count)])) }
        // A repeated key with another value: a conflict, never counted.
        let stored = packs.first { $0.site == "hall" }!.readings[0]
        var other = stored
        other.value = MeasuredValue((stored.value?.value ?? 0) + 1, stored.value?.unit ?? "")
        _ = try store.store([IncomingPack(site: "hall", readings: [other], receivedAt: boundary)])
        let stranger = try #require(BoardTopic("sgw/hall/gw-stranger/data", prefix: "sgw"))
        let inYear = boundary.adding(seconds: 7200)
        try store.recordRefusal(.malformed("test"), records: 3, from: stranger, receivedAt: inYear)
        try store.quarantine([QuarantinedReading(channel: "grid-import", sequence: 9, timeSeconds: 1e10, value: 1, sum: nil,
                                                 unit: "kWh", quality: "good", reason: .future)], from: stranger, receivedAt: inYear)
    }

    @Test func bothStoresGiveTheSameReportOfEveryFigure() throws {
        guard let postgres = try CityStoreContractTests.newStore(.postgres),
              let sqlite = try CityStoreContractTests.newStore(.sqlite) else { return }
        for store in [sqlite, postgres] { try Self.fill(store) }
        for fy in [FiscalYear(2025), FiscalYear(2026)] {
            let a = try sqlite.report(fiscalYear: fy, asOf: Self.asOf), b = try postgres.report(fiscalYear: fy, asOf: Self.asOf)
            #expect(a == b, "FY\(fy.startYear): SQLite \(a), PostgreSQL \(b)")
        }
        // Every figure is there, so the comparison compares something.
        let report = try sqlite.report(fiscalYear: FiscalYear(2026), asOf: Self.asOf)
        let sites = Dictionary(uniqueKeysWithValues: report.sites.map { ($0.site, $0) })
        #expect(Set(sites.keys) == ["paddy-1", "hall", "well-3", "shed"])
        let paddy = try #require(sites["paddy-1"]), hall = try #require(sites["hall"])
        let well = try #require(sites["well-3"]), shed = try #require(sites["shed"])
        #expect(paddy.kind == "paddy" && paddy.municipality == "Kumamoto" && shed.kind == nil)
        #expect(paddy.rechargeInflowCubicMetres > 0 && paddy.outflowCubicMetres > 0 && paddy.rechargeWaterBalanceCubicMetres != 0)
        #expect(hall.energyImportedKWh > 0 && hall.energyExportedKWh > 0 && hall.energyGeneratedKWh > 0 && hall.heatMegajoules > 0)
        // A board that never sent its status: its readings count as received, but no role says what they are.
        #expect(shed.energyImportedKWh == 0 && shed.devices.map(\.device) == ["gw-shed"] && shed.devices[0].received > 0)
        #expect(hall.peakDemandKW != nil && well.latestDepthToWaterMetres != nil && well.latestGroundwaterElevationMetres != nil)
        #expect(hall.devices.map(\.device) == ["gw-hall", "gw-hall-spare", "gw-stranger"])
        let spare = try #require(hall.devices.first { $0.device == "gw-hall-spare" })
        #expect(spare.received == 0 && spare.expected > 0, "a board that never sent a reading is expected to")
        let stranger = try #require(hall.devices.first { $0.device == "gw-stranger" })
        #expect(stranger.refused == 3 && stranger.quarantined == 1)
        #expect(hall.devices.contains { $0.conflicts == 1 })
        #expect(well.devices.map(\.state) == ["online", "offline"])
        #expect(report.sites.flatMap(\.devices).allSatisfy { $0.received <= $0.expected })
    }

    /// The report reads the rollups, never the readings: with the readings' table renamed away it is unchanged
    /// (a query that touched it would fail).
    @Test(arguments: Backend.allCases) func theReportNeverReadsTheReadings(_ backend: Backend) throws {
        guard let (store, address) = try CityStoreContractTests.newStoreAndAddress(backend) else { return }
        try Self.fill(store)
        let before = try store.report(fiscalYear: FiscalYear(2026), asOf: Self.asOf)
        let setAside = "ALTER TABLE reading RENAME TO reading_set_aside"
        switch backend {
        case .sqlite: try DatabaseQueue(path: address).write { try $0.execute(sql: setAside) }
        case .postgres: try PostgresConnection(address).execute(setAside)
        }
        #expect(try store.report(fiscalYear: FiscalYear(2026), asOf: Self.asOf) == before)
        #expect(before.sites.contains { $0.energyImportedKWh > 0 })
    }
}
