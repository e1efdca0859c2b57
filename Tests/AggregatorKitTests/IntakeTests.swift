import AggregatorKit
import Foundation
import GatewayCore
import GRDB
import Logging
import MQTTTransport
import SenML
import Testing

/// The aggregator's intake as a hostile or broken board meets it: every message arrives on the board's own
/// topic (the broker's ACL sees to that), and whatever its payload says is checked before it is stored.
@Suite struct IntakeTests {
    let now = UnixTime(seconds: Date().timeIntervalSince1970)

    struct City {
        var store: AggregatorStore
        var service: AggregatorService
        var path: String
        func data(_ device: String, site: String = "site-a", _ json: String, at t: UnixTime) {
            service.ingest(MQTTMessage(topic: "sgw/\(site)/\(device)/data", text: json), receivedAt: t)
        }
        func status(_ device: String, site: String = "site-a", _ json: String, at t: UnixTime) {
            service.ingest(MQTTMessage(topic: "sgw/\(site)/\(device)/status", text: json), receivedAt: t)
        }
        func counts(_ device: String) throws -> IntakeCounts? { try store.intakeCounts().first { $0.device == device } }
    }

    func city() throws -> City {
        let dir = NSTemporaryDirectory() + "intake-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try AggregatorStore(path: dir + "/city.sqlite")
        let service = AggregatorService(
            settings: .init(options: MQTTConnectionOptions(host: "127.0.0.1", port: 1, clientID: "intake-test"),
                            topics: TopicLayout(prefix: "sgw")),
            store: store, log: Logger(label: "intake-test"))
        return City(store: store, service: service, path: dir + "/city.sqlite")
    }

    static func status(_ device: String, site: String = "site-a", importRole: String = "import", heatUnit: String = "J") -> String {
        """
        {"state":"online","site":"\(site)","siteKind":"building","device":"\(device)","channels":[\
        {"id":"import","quantity":"energy","role":"\(importRole)","unit":"kWh","intervalSeconds":60,"driver":"pulse-energy"},\
        {"id":"heat","quantity":"heat","unit":"\(heatUnit)","intervalSeconds":60,"driver":"derived:heat"}]}
        """
    }

    func record(_ device: String, _ channel: String = "import", seq: String, t: Double, v: Double = 1, unit: String = "kWh") -> String {
        "[{\"bn\":\"\(device):\",\"n\":\"\(channel)\",\"seq\":\(seq),\"t\":\(t),\"u\":\"\(unit)\",\"v\":\(v),\"s\":\(v)}]"
    }

    // MARK: sequence numbers

    /// Issue 16: seq 2^63−1 was stored, and the next genuine reading trapped computing the gap behind it.
    @Test func aSequenceNumberAtInt64MaxCannotStopTheStore() throws {
        let c = try city()
        func reading(_ seq: UInt64) -> Reading {
            Reading(key: ReadingKey(device: "gw1", channel: "import", sequence: seq), time: now, value: MeasuredValue(1, "kWh"))
        }
        #expect(throws: AggregatorError.self) { try c.store.store([reading(UInt64(Int64.max))], site: "site-a", receivedAt: now) }
        #expect(try c.store.store([reading(5)], site: "site-a", receivedAt: now) == 1)
        #expect(try c.store.store([reading(7)], site: "site-a", receivedAt: now) == 1)
        #expect(try c.store.gaps().map(\.sequences) == [6...6])
    }

    /// A database from before the bound may already hold such a row: the next reading must not trap either.
    @Test func aStoredSequenceNumberAtInt64MaxFromAnOlderDatabaseCannotTrap() throws {
        let c = try city()
        let db = try DatabaseQueue(path: c.path)
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO reading (site, device, channel, seq, t_ms, value, quality, received_ms)
                VALUES ('site-a', 'gw1', 'import', ?, ?, 1, 'good', ?)
                """, arguments: [Int64.max, now.milliseconds, now.milliseconds])
        }
        #expect(try c.store.store([Reading(key: ReadingKey(device: "gw1", channel: "import", sequence: 5), time: now,
                                           value: MeasuredValue(1, "kWh"))], site: "site-a", receivedAt: now) == 1)
    }

    @Test func outOfRangeSequenceNumbersAreRefusedAtIntake() throws {
        let c = try city()
        for seq in ["9223372036854775807", "9223372036854775808", "18446744073709551616", "1e300", "-1", "1.5", "9007199254740992"] {
            c.data("gw1", record("gw1", seq: seq, t: now.seconds), at: now)
        }
        c.data("gw1", record("gw1", seq: "9007199254740991", t: now.seconds), at: now)
        c.data("gw1", record("gw1", seq: "3", t: now.seconds), at: now)
        #expect(try c.store.allReadings().map(\.reading.key.sequence) == [3, 9_007_199_254_740_991])
        #expect(try c.counts("gw1")?.refused == ["invalid-record": 7])
    }

    // MARK: times

    @Test func timesThatWouldTrapAreRefusedOrQuarantinedNeverStored() throws {
        let c = try city()
        c.data("gw1", record("gw1", seq: "1", t: 9.3e15), at: now)
        c.data("gw1", record("gw1", seq: "2", t: 1e308), at: now)
        c.data("gw1", "[{\"bn\":\"gw1:\",\"bt\":1e308,\"n\":\"import\",\"seq\":3,\"t\":1e308,\"v\":1}]", at: now)
        c.data("gw1", "[{\"bn\":\"gw1:\",\"n\":\"import\",\"seq\":4,\"t\":-1e308,\"v\":1}]", at: now)
        #expect(try c.store.allReadings().isEmpty)
        let counts = try #require(try c.counts("gw1"))
        #expect(counts.quarantined == ["future": 2, "before-first-seen": 1])
        #expect(counts.refused == ["invalid-record": 1], "bt + t overflows to infinity")
    }

    /// RFC 8428: a time below 2^28 is relative to now, so `t: 31536000` means a year from now.
    @Test func aRelativeTimeCannotDateAReadingAYearAhead() throws {
        let c = try city()
        c.data("gw1", record("gw1", seq: "1", t: 31_536_000), at: now)
        c.data("gw1", record("gw1", seq: "2", t: -60), at: now)          // a minute ago: fine
        #expect(try c.store.allReadings().map(\.reading.time) == [now.adding(seconds: -60)])
        #expect(try c.counts("gw1")?.quarantined == ["future": 1])
    }

    @Test func readingsFromBeforeABoardCouldHaveTakenThemAreQuarantinedAndNotCounted() throws {
        let c = try city()
        c.status("gw1", Self.status("gw1"), at: now)
        let day = 86_400.0
        c.data("gw1", record("gw1", seq: "1", t: now.seconds - 60 * day, v: 100), at: now)     // before first seen − 30 days
        c.data("gw1", record("gw1", seq: "2", t: now.seconds - 1 * day, v: 1), at: now)       // a day's backlog: fine
        c.data("gw1", record("gw1", seq: "3", t: now.seconds + 600, v: 100), at: now)         // 10 minutes ahead
        c.data("gw1", record("gw1", seq: "4", t: 1_500_000_000, v: 100), at: now)             // 2017
        #expect(try c.store.allReadings().map(\.reading.key.sequence) == [2])
        #expect(try c.counts("gw1")?.quarantined == ["before-first-seen": 2, "future": 1])
        let fy = FiscalYear(containing: now)
        let device = try #require(try c.store.report(fiscalYear: fy).sites.first?.devices.first)
        #expect(device.quarantined == 3)
        #expect(try c.store.report(fiscalYear: fy).rendered(as: .table).contains("3 quarantined (not counted)"))
    }

    // MARK: values, names, sizes

    @Test func valuesMustBeFiniteAndWithinBounds() throws {
        let c = try city()
        c.data("gw1", "[{\"bn\":\"gw1:\",\"n\":\"import\",\"seq\":1,\"t\":\(now.seconds),\"v\":1e308,\"s\":1}]", at: now)
        c.data("gw1", "[{\"bn\":\"gw1:\",\"n\":\"import\",\"seq\":2,\"t\":\(now.seconds),\"v\":1,\"s\":1e17}]", at: now)
        c.data("gw1", "[{\"bn\":\"gw1:\",\"bv\":1e308,\"n\":\"import\",\"seq\":3,\"t\":\(now.seconds),\"v\":1e308}]", at: now)
        #expect(try c.store.allReadings().isEmpty)
        #expect(try c.counts("gw1")?.refused == ["invalid-record": 3])
    }

    /// A city hall's district heat counts about 1.3e12 J a year (the fiscal-year ground-truth run found the old
    /// 1e12 bound refusing the rest of a year's heat readings).
    @Test func aHeatMetersRunningTotalInJoulesIsAccepted() throws {
        let c = try city()
        c.data("gw1", "[{\"bn\":\"gw1:\",\"n\":\"district-heat\",\"u\":\"J\",\"seq\":1,\"t\":\(now.seconds),\"v\":4.5e9,\"s\":1.3e12}]", at: now)
        #expect(try c.store.allReadings().count == 1)
    }

    @Test func namesAndPayloadsHaveLimits() throws {
        let c = try city()
        let huge = String(repeating: "x", count: 2_000_000)
        c.data("gw1", record("gw1", huge, seq: "1", t: now.seconds), at: now)
        c.data("gw1", record("gw1", "bad/channel", seq: "2", t: now.seconds), at: now)
        c.data("gw1", record("gw1", "import", seq: "3", t: now.seconds, unit: "k\\u0000Wh"), at: now)
        c.data("gw1", "[" + Array(repeating: "{}", count: 1_001).joined(separator: ",") + "]", at: now)
        c.data("gw1", "{\"not\":\"an array\"}", at: now)
        c.status("gw1", "{\"state\":\"online\",\"site\":\"site-a\",\"device\":\"gw1\",\"channels\":["
                 + Array(repeating: "{\"id\":\"a\",\"quantity\":\"q\",\"unit\":\"u\",\"intervalSeconds\":1,\"driver\":\"d\"}", count: 257).joined(separator: ",")
                 + "]}", at: now)
        c.status("gw1", Self.status("gw1").replacingOccurrences(of: "\"intervalSeconds\":60", with: "\"intervalSeconds\":1e308"), at: now)
        #expect(try c.store.allReadings().isEmpty)
        #expect(try c.counts("gw1")?.refused == ["payload-too-large": 1, "invalid-record": 2, "too-many-records": 1,
                                                 "malformed": 1, "too-many-channels": 1, "invalid-status": 1])
        // A topic whose levels are not ids is not a board's: ignored, nothing stored.
        c.service.ingest(MQTTMessage(topic: "sgw/site a/gw1/data", text: record("gw1", seq: "1", t: now.seconds)), receivedAt: now)
        #expect(try c.store.allReadings().isEmpty)
    }

    // MARK: identity

    @Test func recordsNamingAnotherBoardAreRefusedAndCountedAgainstTheSender() throws {
        let c = try city()
        c.status("hall", site: "city-hall", Self.status("hall", site: "city-hall"), at: now)
        c.data("well", site: "well-site",
               "[{\"bn\":\"hall:\",\"n\":\"import\",\"seq\":1,\"t\":\(now.seconds),\"v\":1000000,\"s\":1},"
               + "{\"n\":\"import\",\"seq\":2,\"t\":\(now.seconds),\"v\":1000000,\"s\":1},"
               + "{\"bn\":\"well:\",\"n\":\"level\",\"seq\":1,\"t\":\(now.seconds),\"v\":3.5}]", at: now)
        #expect(try c.store.allReadings().map { "\($0.site) \($0.reading.key.device) \($0.reading.key.channel)" } == ["well-site well level"])
        #expect(try c.counts("well")?.refused == ["names-another-board": 2])
        let report = try c.store.report(fiscalYear: FiscalYear(containing: now))
        #expect(report.sites.allSatisfy { $0.energyImportedKWh == 0 })
        #expect(report.sites.first { $0.site == "well-site" }?.devices.first?.refused == 2)
    }

    @Test func aStatusNamingAnotherBoardCannotChangeItsRoles() throws {
        let c = try city()
        c.status("hall", site: "city-hall", Self.status("hall", site: "city-hall"), at: now)
        c.status("well", site: "well-site", Self.status("hall", site: "city-hall", importRole: "export"), at: now)
        c.status("well", site: "well-site", Self.status("hall", site: "well-site", importRole: "export"), at: now)
        c.status("well", site: "well-site", Self.status("well", site: "city-hall", importRole: "export"), at: now)
        c.data("hall", site: "city-hall", record("hall", seq: "1", t: now.seconds, v: 28.8), at: now)
        let site = try #require(try c.store.report(fiscalYear: FiscalYear(containing: now)).sites.first { $0.site == "city-hall" })
        #expect(site.energyImportedKWh == 28.8 && site.energyExportedKWh == 0)
        #expect(try c.counts("well")?.refused == ["names-another-board": 3])
        #expect(try c.store.statusHistory().map(\.device) == ["hall"])
    }

    // MARK: units and the report

    @Test func heatInJoulesAndInMegajoulesBothReachTheReport() throws {
        let c = try city()
        c.status("gw1", Self.status("gw1"), at: now)
        c.data("gw1", "[{\"bn\":\"gw1:\",\"n\":\"heat\",\"seq\":1,\"t\":\(now.seconds),\"u\":\"J\",\"v\":2500000}]", at: now)
        c.data("gw1", "[{\"bn\":\"gw1:\",\"n\":\"heat\",\"seq\":2,\"t\":\(now.seconds),\"u\":\"MJ\",\"v\":1.5}]", at: now)
        let site = try #require(try c.store.report(fiscalYear: FiscalYear(containing: now)).sites.first)
        #expect(abs(site.heatMegajoules - 4) < 1e-9)
    }

    /// Issue 16: `report --format json` printed nothing when a total was infinite.
    @Test func anInfiniteTotalIsNamedAndTheJSONReportIsNotEmpty() throws {
        let c = try city()
        try c.store.recordStatus(DeviceStatus(state: "online", site: "site-a", siteKind: "building", device: "gw1", channels: [
            .init(id: "import", quantity: "energy", role: "import", unit: "kWh", intervalSeconds: 60, driver: "pulse-energy"),
        ]), receivedAt: now)
        // Two finite readings from before intake bounds whose sum is not finite.
        try c.store.store([1, 2].map {
            Reading(key: ReadingKey(device: "gw1", channel: "import", sequence: $0), time: now,
                    value: MeasuredValue(1.7e308, "kWh"), sum: MeasuredValue(1, "kWh"))
        }, site: "site-a", receivedAt: now)
        let report = try c.store.report(fiscalYear: FiscalYear(containing: now))
        #expect(report.nonFiniteTotals == ["site-a: energy imported"])
        let json = report.rendered(as: .json)
        #expect(json.contains("\"energyImportedKWh\" : \"Infinity\""), "\(json)")
    }
}

extension IntakeTests {
    /// A quarantined reading leaves a gap the city asks for; the board sending it again is not a second one.
    @Test func aQuarantinedReadingSentAgainIsKeptOnce() throws {
        let c = try city()
        for _ in 0..<3 { c.data("gw1", record("gw1", seq: "5", t: now.seconds + 3_600), at: now) }
        #expect(try c.counts("gw1")?.quarantined == ["future": 1])
    }
}

extension IntakeTests {
    /// The unchecked reader kept for watching a board's own output must not trap either.
    @Test func theWatchersReaderRefusesATimeThatWouldTrap() {
        for t in ["1e308", "9.3e15", "-1e300"] {
            #expect(throws: SenMLError.self, "t \(t)") {
                try SenMLPack.decode(Array("[{\"bn\":\"gw1:\",\"n\":\"import\",\"seq\":1,\"t\":\(t),\"v\":1}]".utf8), topic: "sgw/a/gw1/data")
            }
        }
    }
}
