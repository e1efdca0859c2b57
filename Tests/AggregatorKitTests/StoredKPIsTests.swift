@testable import AggregatorKit
import Foundation
import GatewayCore
import GRDB
import SenML
import TestSupport
import Testing

/// The plan KPIs read from the rollups of either store: the same readings give the same city report on SQLite
/// and on PostgreSQL, conflicting versions are kept aside by both, and rollups from before `valueCount` are
/// built again from the readings on first open.
@Suite struct StoredKPIsTests {
    typealias Backend = CityStoreContractTests.Backend

    struct Feed {
        var site: String, device: String, channel: String, unit: String, interval: Double, totalizer: Bool
        var value: (Int) -> Double
    }

    /// Readings of three cities' sites every `interval` from `start` for `days`, with a reading missing now and
    /// then, a fault, QoS 1 redeliveries and one conflicting version; values are multiples of 1/128, so every
    /// order of summation gives the same sum.
    static func fill(_ store: any CityStore, _ feeds: [Feed], from start: UnixTime, days: Int) throws {
        for (device, group) in Dictionary(grouping: feeds, by: \.device).sorted(by: { $0.key < $1.key }) {
            try store.recordStatus(BoardStatus(DeviceStatus(state: "online", site: group[0].site, siteKind: "building", device: device, channels: group.map {
                .init(id: $0.channel, quantity: $0.totalizer ? "energy" : "level", role: nil, unit: $0.unit, intervalSeconds: $0.interval,
                      driver: $0.totalizer ? "pulse-energy" : "analog")
            })), receivedAt: start)
        }
        for f in feeds {
            var readings: [Reading] = [], sum = 0.0
            let n = Int(Double(days) * 86_400 / f.interval)
            for i in 1...n where i % 97 != 0 {
                let v = f.value(i)
                sum += v
                readings.append(Reading(key: ReadingKey(device: DeviceID(f.device), channel: ChannelID(f.channel), sequence: UInt64(i)),
                                        time: start.adding(seconds: Double(i) * f.interval), value: MeasuredValue(v, f.unit),
                                        sum: f.totalizer ? MeasuredValue(sum, f.unit) : nil, quality: i % 101 == 0 ? .fault : .good))
            }
            for chunk in stride(from: 0, to: readings.count, by: 200) {
                let pack = IncomingPack(site: f.site, readings: Array(readings[chunk..<min(chunk + 200, readings.count)]), receivedAt: start)
                _ = try store.store(chunk % 1000 == 0 ? [pack, pack] : [pack])
            }
            var other = readings[5]
            other.value = MeasuredValue(other.value!.value + 1, f.unit)
            _ = try store.store([IncomingPack(site: f.site, readings: [other], receivedAt: start)])
        }
    }

    static func cities(_ store: any CityStore) throws -> [(plan: CityPlan, year: FiscalYear)] {
        let kumamoto = CivilTime.jstInstant(year: 2019, month: 6, day: 1)
        try fill(store, [
            Feed(site: "kumamoto-paddy-01", device: "paddy-gw", channel: "recharge", unit: "m3", interval: 600, totalizer: true) { Double($0 % 40) / 4 },
            // Dry (0.01 m) every fourth day, ponded otherwise.
            Feed(site: "kumamoto-paddy-01", device: "paddy-gw", channel: "paddy-level", unit: "m", interval: 600, totalizer: false) {
                ($0 / 144) % 4 == 3 ? 1.0 / 128 : Double(3 + $0 % 2) / 64
            },
        ], from: kumamoto, days: 40)
        try store.recordStatus(BoardStatus(DeviceStatus(state: "offline", site: "kumamoto-paddy-01", device: "paddy-gw")),
                               receivedAt: kumamoto.adding(seconds: 10 * 86_400))
        let sapporo = CivilTime.jstInstant(year: 2023, month: 9, day: 28)
        try fill(store, ["grid-import", "district-heat", "pv-generation", "grid-export"].map { channel in
            Feed(site: "sapporo-cityhall", device: "sapporo-cityhall-gw1", channel: channel, unit: channel == "district-heat" ? "MJ" : "kWh",
                 interval: 900, totalizer: true) { Double(($0 % 16) + (channel == "grid-export" ? 0 : 20)) / 4 }
        }, from: sapporo, days: 8)
        let kamishihoro = CivilTime.jstInstant(year: 2026, month: 9, day: 6)
        try fill(store, [
            // Grid gone from 03:00 to 07:00 on the first day; the microgrid supplies throughout.
            Feed(site: "kamishihoro-townhall", device: "th-gw", channel: "grid-import", unit: "kWh", interval: 300, totalizer: true) {
                (37...84).contains($0) ? 0 : 3
            },
            Feed(site: "kamishihoro-townhall", device: "th-gw", channel: "microgrid-supply", unit: "kWh", interval: 300, totalizer: true) { _ in 2 },
        ], from: kamishihoro, days: 2)
        return [(try CityFileReader.load(Paths.city("kumamoto")), FiscalYear(2019)),
                (try CityFileReader.load(Paths.city("sapporo")), FiscalYear(2023)),
                (try CityFileReader.load(Paths.city("kamishihoro")), FiscalYear(2026))]
    }

    @Test func theCityReportIsTheSameOnSQLiteAndPostgreSQL() throws {
        guard let postgres = try CityStoreContractTests.newStore(.postgres), let sqlite = try CityStoreContractTests.newStore(.sqlite) else { return }
        let cities = try Self.cities(sqlite)
        _ = try Self.cities(postgres)
        for (plan, year) in cities {
            let a = try CityKPICalculator.report(plan: plan, year: year, data: StoredKPIs(sqlite))
            let b = try CityKPICalculator.report(plan: plan, year: year, data: StoredKPIs(postgres))
            #expect(a.json == b.json, "\(plan.id) FY\(year.startYear)")
            #expect(CityPage.html(a) == CityPage.html(b))
            func kpi(_ id: String) -> KPIFigure? { a.kpis.first { $0.id == id } }
            switch plan.id {
            case "kumamoto":
                #expect(kpi("groundwater-recharge")?.status == .incomplete && kpi("groundwater-recharge")?.value != nil)
                #expect(kpi("flooded-days")?.value == 31, "June 1 to July 10, every fourth day dry, and the last reading on July 11")
                #expect(a.sites.first?.boardHistory.map(\.state) == ["online", "offline"])
            case "sapporo":
                #expect(kpi("building-co2")?.value != nil && kpi("pv-generation")?.details.isEmpty == false)
            default:
                #expect(kpi("hours-islanded")?.value == 4)
            }
        }
    }

    @Test(arguments: Backend.allCases) func conflictingVersionsAreKeptCountedAndReported(_ backend: Backend) throws {
        guard let store = try CityStoreContractTests.newStore(backend) else { return }
        let t = CivilTime.jstInstant(year: 2026, month: 6, day: 1)
        try store.recordStatus(BoardStatus(DeviceStatus(state: "online", site: "site-a", siteKind: "building", device: "gw1", channels: [
            .init(id: "import", quantity: "energy", role: "import", unit: "kWh", intervalSeconds: 60, driver: "pulse-energy"),
        ])), receivedAt: t)
        func imported(_ seq: UInt64, _ kWh: Double) -> IncomingPack {
            IncomingPack(site: "site-a", readings: [Reading(key: ReadingKey(device: "gw1", channel: "import", sequence: seq), time: t,
                                                            value: MeasuredValue(kWh, "kWh"), sum: MeasuredValue(100 + kWh, "kWh"))],
                         receivedAt: t)
        }
        #expect(try store.store([imported(1, 2), imported(1, 2)]) == [1, 0])        // a redelivery
        #expect(try store.conflictingReadings(device: "gw1").isEmpty)
        #expect(try store.store([imported(1, 7), imported(1, 7), imported(2, 1)]) == [0, 0, 1]) // a conflict and its redelivery
        #expect(try store.store([imported(1, 7)]) == [0])                           // redelivered later
        #expect(try store.store([imported(3, 4), imported(3, 5)]) == [1, 0])         // stored and contradicted in one batch

        let conflicts = try store.conflictingReadings(device: "gw1")
        #expect(conflicts.map(\.reading.key.sequence) == [1, 3])
        #expect(conflicts.first?.reading.value == MeasuredValue(7, "kWh") && conflicts.first?.storedValue == 2
                && conflicts.first?.storedSum == 102 && conflicts.first?.receivedAt == t)
        let report = try store.report(fiscalYear: FiscalYear(2026))
        #expect(report.sites.first?.energyImportedKWh == 7, "the versions stored first are the ones counted")
        #expect(report.sites.first?.devices.first?.conflicts == 2)
        #expect(report.rendered(as: .table).contains("2 conflicting duplicates (kept aside, not counted)"))
    }

    /// Rollups written before they counted their values (`value_n`) are summed again from the readings.
    @Test(arguments: Backend.allCases) func rollupsWithoutValueCountsAreBuiltAgain(_ backend: Backend) throws {
        let location: String
        switch backend {
        case .sqlite:
            let dir = NSTemporaryDirectory() + "stored-kpis-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            location = dir + "/city.sqlite"
        case .postgres:
            guard PostgresCluster.isInstalled else { _ = try CityStoreContractTests.newStore(.postgres); return }
            location = try PostgresCluster.shared().uri(database: "m\(UUID().uuidString.prefix(8).lowercased())")
        }
        let (from, to) = (FiscalYear(2019).start, FiscalYear(2027).end)
        var before: [[ReadingRollup]] = []
        do {
            let store = try openCityStore(location)
            _ = try Self.cities(store)
            before = try ReadingRollup.Resolution.allCases.map { try store.rollups($0, from: from, to: to, device: nil) }
        }
        #expect(before[1].contains { $0.valueCount > 1 })
        for resolution in ReadingRollup.Resolution.allCases {
            let old = "ALTER TABLE \(resolution.table) DROP COLUMN value_n"
            if backend == .sqlite {
                try DatabaseQueue(path: location).write { try $0.execute(sql: old) }
            } else {
                _ = try PostgresConnection(location).execute(old)
            }
        }
        let reopened = try openCityStore(location)
        let after = try ReadingRollup.Resolution.allCases.map { try reopened.rollups($0, from: from, to: to, device: nil) }
        #expect(after.map(\.count) == before.map(\.count))
        let differing = zip(after.joined(), before.joined()).filter { $0 != $1 }
        #expect(differing.isEmpty, "\(differing.count) rows differ, first: \(differing.first.map { "\($0.0) ≠ \($0.1)" } ?? "")")
    }
}
