import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing
import TestSupport

/// `kpi-aggregator report` as an operator runs it.
@Suite struct AggregatorReportCommandTests {
    func report(_ db: String, _ extra: [String], logs: String? = nil) throws -> (Int32?, String) {
        let child = try ChildProcess(Paths.binary("kpi-aggregator"), ["report", "--db", db] + extra,
                                     logDirectory: logs ?? (db as NSString).deletingLastPathComponent, name: "report")
        return (child.wait(seconds: 20), child.output)
    }

    /// Issue 16: with a total that is not finite, `--format json` printed nothing and exited 0.
    @Test func aTotalThatIsNotFiniteIsNamedAndTheReportFails() throws {
        let dir = Paths.scratch("report-inf")
        let db = dir + "/city.sqlite"
        let t = CivilTime.jstInstant(year: 2026, month: 6, day: 1)
        let store = try AggregatorStore(path: db)
        try store.recordStatus(DeviceStatus(state: "online", site: "site-a", siteKind: "building", device: "gw1", channels: [
            .init(id: "import", quantity: "energy", role: "import", unit: "kWh", intervalSeconds: 60, driver: "pulse-energy"),
        ]), receivedAt: t)
        // Stored straight into the store, as a database from before the intake's bounds could hold them.
        try store.store([1, 2].map {
            Reading(key: ReadingKey(device: "gw1", channel: "import", sequence: $0), time: t,
                    value: MeasuredValue(1.7e308, "kWh"), sum: MeasuredValue(1, "kWh"))
        }, site: "site-a", receivedAt: t)
        let (status, output) = try report(db, ["--format", "json", "--fiscal-year", "2026"])
        #expect(status == 2, "\(output)")
        #expect(output.contains("\"energyImportedKWh\" : \"Infinity\""), "\(output)")
        #expect(output.contains("FY2026 has totals that are not finite numbers (site-a: energy imported)"), "\(output)")
    }

    /// Issue 14: `report --city` refused a PostgreSQL database ("read from the SQLite store … for now").
    @Test func thePlanKPIsAreReportedFromPostgreSQL() throws {
        guard PostgresCluster.isInstalled else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("PostgreSQL 15 is not installed") }
            return
        }
        let uri = try PostgresCluster.shared().uri(database: "r\(UUID().uuidString.prefix(8).lowercased())")
        let store = try openCityStore(uri)
        let t = CivilTime.jstInstant(year: 2019, month: 6, day: 2)
        try store.recordStatus(BoardStatus(DeviceStatus(state: "online", site: "kumamoto-paddy-01", siteKind: "recharge-paddy",
                                                        device: "paddy-gw")), receivedAt: t)
        _ = try store.store([IncomingPack(site: "kumamoto-paddy-01", readings: (1...5).map {
            Reading(key: ReadingKey(device: "paddy-gw", channel: "recharge", sequence: $0), time: t.adding(seconds: Double($0) * 3600),
                    value: MeasuredValue(2_358_000, "m3"))
        }, receivedAt: t)])
        let (status, output) = try report(uri, ["--city", Paths.packageRoot + "/Deploy/cities/kumamoto.yaml", "--fiscal-year", "2019",
                                                "--format", "json"], logs: Paths.scratch("report-pg"))
        #expect(status == 0, "\(output)")
        #expect(output.contains("\"value\" : 1179"), "the plan's 1,179 万m³ from the readings: \(output)")
    }

    @Test func aFiscalYearOutOfRangeIsRefused() throws {
        let dir = Paths.scratch("report-fy")
        _ = try AggregatorStore(path: dir + "/city.sqlite")
        let (status, output) = try report(dir + "/city.sqlite", ["--fiscal-year", "99999999999999"])
        #expect(status != 0)
        #expect(output.contains("--fiscal-year 99999999999999: a year from 2000 to 2999"), "\(output)")
    }
}

