@testable import AggregatorKit
import Foundation
import GatewayCore
import SenML
import TestSupport
import Testing

/// What every `CityStore` must do, run against SQLite and against a private PostgreSQL 15 cluster.
@Suite struct CityStoreContractTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// A new, empty store (PostgreSQL: a new database in the process's one cluster), or nil (with the reason printed) when PostgreSQL is not installed outside CI.
    static func newStore(_ backend: Backend) throws -> (any CityStore)? {
        try newStoreAndAddress(backend)?.store
    }

    /// A new, empty store and where it is (the SQLite file, or the PostgreSQL database's URI), or nil as `newStore`.
    static func newStoreAndAddress(_ backend: Backend) throws -> (store: any CityStore, address: String)? {
        switch backend {
        case .sqlite:
            let dir = NSTemporaryDirectory() + "contract-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            return (try AggregatorStore(path: dir + "/city.sqlite"), dir + "/city.sqlite")
        case .postgres:
            guard PostgresCluster.isInstalled else {
                if ProcessInfo.processInfo.environment["CI"] != nil {
                    Issue.record("PostgreSQL 15 is not installed; CI installs it with Deploy/dev/install-build-deps.sh")
                } else {
                    print("SKIPPED: the PostgreSQL store's tests need \(PostgresCluster.binaries) (apt install postgresql-15)")
                }
                return nil
            }
            let uri = try PostgresCluster.shared().uri(database: "t\(UUID().uuidString.prefix(8).lowercased())")
            return (try openCityStore(uri), uri)
        }
    }

    let t = CivilTime.jstInstant(year: 2026, month: 6, day: 1, hour: 9)

    func pack(_ seqs: [UInt64], device: String = "gw1", at t: UnixTime) -> IncomingPack {
        IncomingPack(site: "site-a", readings: seqs.map {
            Reading(key: ReadingKey(device: DeviceID(device), channel: "import", sequence: $0), time: t,
                    value: MeasuredValue(0.5, "kWh"), sum: MeasuredValue(Double($0) / 2, "kWh"))
        }, receivedAt: t)
    }

    @Test(arguments: Backend.allCases) func eachReadingIsStoredOnceAndGapsFollowSequences(_ backend: Backend) throws {
        guard let store = try Self.newStore(backend) else { return }
        #expect(try store.store([pack([1, 2, 5], at: t), pack([5, 3], at: t)]) == [3, 1])
        #expect(try store.store([pack([2, 3, 7], at: t)]) == [1])
        #expect(try store.readingCount() == 5)
        #expect(try store.gaps().map(\.sequences) == [4...4, 6...6])
        #expect(try store.firstSeen(device: "gw1") == t)
    }

    @Test(arguments: Backend.allCases) func quietGapsOfOnlineBoardsAreDueOnce(_ backend: Backend) throws {
        guard let store = try Self.newStore(backend) else { return }
        try store.recordStatus(BoardStatus(DeviceStatus(state: "online", site: "site-a", device: "gw1")), receivedAt: t)
        _ = try store.store([pack([1, 4], at: t)])
        let later = t.adding(seconds: 600)
        let due = try store.dueResends(now: later, quiet: .seconds(300), maximumRequests: 3, maximumSpans: 500, maximumReadings: 100_000)
        #expect(due == [ResendDue(site: "site-a", device: "gw1", channel: "import", spans: [2...3])])
        try store.markRequested(due[0], now: later)
        #expect(try store.dueResends(now: later, quiet: .seconds(300), maximumRequests: 3, maximumSpans: 500,
                                     maximumReadings: 100_000).isEmpty)
        #expect(try store.gaps().first?.requests == 1)
    }

    /// The same city in both stores gives the same report and the same rollups, to the last bit.
    @Test func bothStoresGiveTheSameReportAndRollups() throws {
        guard let postgres = try Self.newStore(.postgres), let sqlite = try Self.newStore(.sqlite) else { return }
        for store in [sqlite, postgres] {
            _ = try ReadingRollupTests.fill(store)
            let board = try #require(BoardTopic("sgw/site-gw1/gw1/data", prefix: "sgw"))
            let at = FiscalYear(2026).start.adding(seconds: 3600)
            try store.recordRefusal(.malformed("test"), records: 2, from: board, receivedAt: at)
            try store.quarantine([QuarantinedReading(channel: "import", sequence: 9999, timeSeconds: 1e10, value: 1, sum: nil,
                                                     unit: "kWh", quality: "good", reason: .future)], from: board, receivedAt: at)
        }
        for fy in [FiscalYear(2025), FiscalYear(2026)] {
            let a = try sqlite.report(fiscalYear: fy), b = try postgres.report(fiscalYear: fy)
            #expect(a == b)
            #expect(a.sites.count == 2 && a.sites.allSatisfy { $0.energyImportedKWh > 0 })
        }
        let span = (FiscalYear(2025).start, FiscalYear(2027).end)
        for r in ReadingRollup.Resolution.allCases {
            #expect(try sqlite.rollups(r, from: span.0, to: span.1, device: nil) == (try postgres.rollups(r, from: span.0, to: span.1, device: nil)))
        }
        #expect(try sqlite.readingCount() == (try postgres.readingCount()))
    }
}
