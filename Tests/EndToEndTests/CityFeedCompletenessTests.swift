import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing
import TestSupport

/// Issue 14/15: `report --city` counted a feed's expected readings from the span of sequences seen in the year,
/// so a board silent since November, or one whose readings start late in the year, looked complete. Now each
/// board owes one reading per declared interval from its appearance (or the year start) to the report's clock
/// (or the year end), on either store.
@Suite struct CityFeedCompletenessTests {
    enum Backend: String, CaseIterable { case sqlite, postgres }

    /// FY2026: April 1, 2026 to March 31, 2027 (365 days); the report's clock just after its end.
    static let yearStart = CivilTime.jstInstant(year: 2026, month: 4, day: 1)
    static let clock = "2027-04-01T00:05:00+09:00"

    /// A new store on `backend` holding the Kumamoto paddy board, which declares a daily recharge reading and was
    /// first heard of at `seen`, with readings (sequences 1, 2, …) at the given days after the year start. Nil
    /// when PostgreSQL is not installed outside CI.
    func store(_ backend: Backend, seen: UnixTime, days: [Int]) throws -> String? {
        let db: String
        switch backend {
        case .sqlite:
            db = Paths.scratch("feedcomp-\(UUID().uuidString.prefix(8))") + "/city.sqlite"
        case .postgres:
            guard PostgresCluster.isInstalled else {
                if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("PostgreSQL 15 is not installed") }
                return nil
            }
            db = try PostgresCluster.shared().uri(database: "f\(UUID().uuidString.prefix(8).lowercased())")
        }
        let store = try openCityStore(db)
        try store.recordStatus(BoardStatus(DeviceStatus(state: "online", site: "kumamoto-paddy-01", siteKind: "recharge-paddy",
                                                        device: "paddy-gw", channels: [
            .init(id: "recharge", quantity: "volume", role: nil, unit: "m3", intervalSeconds: 86_400, driver: "pulse-volume"),
        ])), receivedAt: seen)
        let readings = days.enumerated().map { i, day in
            Reading(key: ReadingKey(device: "paddy-gw", channel: "recharge", sequence: UInt64(i + 1)),
                    time: Self.yearStart.adding(seconds: Double(day) * 86_400 + 3600), value: MeasuredValue(10, "m3"))
        }
        for chunk in stride(from: 0, to: readings.count, by: 100) {
            _ = try store.store([IncomingPack(site: "kumamoto-paddy-01", readings: Array(readings[chunk..<min(chunk + 100, readings.count)]),
                                              receivedAt: seen)])
        }
        return db
    }

    /// The recharge KPI of `report --city --format json` as of the clock: its provenance's counts and its note.
    func recharge(_ db: String) throws -> (received: Int, expected: Int, note: String) {
        let child = try ChildProcess(Paths.binary("kpi-aggregator"), [
            "report", "--db", db, "--city", Paths.packageRoot + "/Deploy/cities/kumamoto.yaml", "--fiscal-year", "2026",
            "--format", "json", "--simulated-clock", Self.clock,
        ], logDirectory: Paths.scratch("feedcomp-report"), name: "report")
        #expect(child.wait(seconds: 20) == 0, "\(child.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(child.output.utf8)) as? [String: Any], "\(child.output)")
        let kpis = try #require(json["kpis"] as? [[String: Any]])
        let kpi = try #require(kpis.first { $0["id"] as? String == "groundwater-recharge" })
        let provenance = try #require(kpi["provenance"] as? [String: Any])
        return (provenance["received"] as? Int ?? -1, provenance["expected"] as? Int ?? -1, kpi["incompleteness"] as? String ?? "")
    }

    @Test(arguments: Backend.allCases) func aBoardSilentSinceNovemberIsIncomplete(_ backend: Backend) throws {
        // Daily from April 2 to October 31 (213 readings, sequences without a gap), then nothing.
        guard let db = try store(backend, seen: Self.yearStart, days: Array(1...213)) else { return }
        let r = try recharge(db)
        #expect(r.received == 213 && r.expected == 365, "\(r)")
        #expect(r.note.hasPrefix("152 of 365 expected readings missing (41.6 %)"), "\(r.note)")
    }

    @Test(arguments: Backend.allCases) func aGapAtTheYearStartIsIncomplete(_ backend: Backend) throws {
        // Heard of in March, before the year; its readings start on June 1 and run to March 31 (304 days).
        let seen = CivilTime.jstInstant(year: 2026, month: 3, day: 1)
        guard let db = try store(backend, seen: seen, days: Array(61..<365)) else { return }
        let r = try recharge(db)
        #expect(r.received == 304 && r.expected == 365, "\(r)")
        #expect(r.note.hasPrefix("61 of 365 expected readings missing (16.7 %)"), "\(r.note)")
    }
}
