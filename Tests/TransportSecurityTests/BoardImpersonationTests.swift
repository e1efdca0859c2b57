import AggregatorKit
import Foundation
import GatewayCore
import MQTTTransport
import Testing
import TestSupport

/// What a board holding one valid certificate can try through the shipped broker against another board and
/// its site's KPIs (issue 16). The well board publishes only on its own topics, as the ACL allows; what it
/// writes in its payloads names the city hall's board. None of it may touch the city hall's data, roles or
/// connection, and all of it is counted against the well board.
@Suite(.serialized) struct BoardImpersonationTests {
    static let hall = "sapporo-cityhall-gw1", hallSite = "sapporo-cityhall"
    static let well = "kumamoto-well-07-gw1", wellSite = "kumamoto-well-07"

    /// The shipped broker, the real `kpi-aggregator`, and both boards connected with their own certificates.
    struct Scene {
        var city: CityBroker
        var aggregator: ChildProcess
        var db: String
        var hall: MQTTClient
        var well: MQTTClient
        var now: Double { Date().timeIntervalSince1970 }

        func store() throws -> AggregatorStore { try AggregatorStore(path: db) }
        func report() throws -> KPIReport {
            try store().report(fiscalYear: FiscalYear(containing: UnixTime(seconds: now)))
        }
        func site(_ id: String) throws -> KPIReport.SiteTotals? { try report().sites.first { $0.site == id } }
        func device(_ id: String) throws -> KPIReport.DeviceCompleteness? {
            try report().sites.flatMap(\.devices).first { $0.device == id }
        }
    }

    static func hallStatus(importRole: String = "import") -> String {
        """
        {"state":"online","site":"\(hallSite)","siteKind":"building","device":"\(hall)","channels":[\
        {"id":"grid-import","quantity":"energy","role":"\(importRole)","unit":"kWh","intervalSeconds":60,"driver":"pulse-energy"},\
        {"id":"grid-export","quantity":"energy","role":"export","unit":"kWh","intervalSeconds":60,"driver":"pulse-energy"}]}
        """
    }

    /// A SenML pack naming `device`'s grid-import channel, one record per sequence number.
    static func pack(device: String, seqs: some Sequence<Int>, kWh: Double, at t: Double) -> String {
        "[" + seqs.enumerated().map { i, seq in
            (i == 0 ? "{\"bn\":\"\(device):\"," : "{") + "\"n\":\"grid-import\",\"seq\":\(seq),\"t\":\(t),\"u\":\"kWh\",\"v\":\(kWh),\"s\":\(kWh * Double(seq))}"
        }.joined(separator: ",") + "]"
    }

    func scene() throws -> Scene {
        let city = try CityBroker()
        let hallTLS = try city.issueBoard(Self.hall, site: Self.hallSite)
        let wellTLS = try city.issueBoard(Self.well, site: Self.wellSite)
        let db = city.folder + "/city.sqlite"
        let password = city.folder + "/aggregator.password"
        try (CityBroker.aggregatorPassword + "\n").write(toFile: password, atomically: true, encoding: .utf8)
        let aggregator = try ChildProcess(Paths.binary("kpi-aggregator"), [
            "run", "--broker", "127.0.0.1:\(city.aggregatorPort)", "--db", db, "--client-id", "city-aggregator",
            "--ca-file", city.folder + "/ca/ca.crt", "--username", "aggregator", "--password-file", password,
        ], logDirectory: city.folder, name: "aggregator")
        try #require(eventually(15) { aggregator.output.contains("subscribed to") }, "\(aggregator.output)")
        let hall = try MQTTClient(city.board(Self.hall, tls: hallTLS))
        try #require(try hall.connectAndAwaitConnack() == 0)
        let well = try MQTTClient(city.board(Self.well, tls: wellTLS))
        try #require(try well.connectAndAwaitConnack() == 0)
        let scene = Scene(city: city, aggregator: aggregator, db: db, hall: hall, well: well)
        try #require(try hall.publishAndAwaitAck(MQTTMessage(topic: "sgw/\(Self.hallSite)/\(Self.hall)/status",
                                                             text: Self.hallStatus(), retain: true)) == 0)
        try #require(eventually(10) { try scene.store().firstSeen(device: Self.hall) != nil }, "\(aggregator.output)")
        return scene
    }

    /// Publishes on the well board's own data topic, which the ACL allows it.
    func wellPublishes(_ s: Scene, _ text: String, kind: String = "data", retain: Bool = false) throws {
        let rc = try s.well.publishAndAwaitAck(MQTTMessage(topic: "sgw/\(Self.wellSite)/\(Self.well)/\(kind)", text: text, retain: retain))
        try #require(rc == 0, "the broker must accept the well board's own topic; the aggregator is what refuses")
    }

    @Test func aRetainedStatusFromAnotherBoardCannotTurnTheCityHallsImportIntoExport() throws {
        let s = try scene()
        defer { s.aggregator.kill(SIGKILL) }
        // The city hall's status word for word, but for grid-import's role, on the well board's own topic.
        let forged = Self.hallStatus(importRole: "export")
        try wellPublishes(s, forged, kind: "status", retain: true)
        #expect(eventually(10) { s.aggregator.output.contains("refused on sgw/\(Self.wellSite)/\(Self.well)/status") }, "\(s.aggregator.output)")
        try #require(try s.hall.publishAndAwaitAck(MQTTMessage(topic: "sgw/\(Self.hallSite)/\(Self.hall)/data",
                                                               text: Self.pack(device: Self.hall, seqs: 1...3, kWh: 9.6, at: s.now))) == 0)
        #expect(eventually(10) { try s.store().allReadings().count == 3 })
        let site = try #require(try s.site(Self.hallSite))
        #expect(abs(site.energyImportedKWh - 28.8) < 1e-9, "import stays import")
        #expect(site.energyExportedKWh == 0)
        #expect(try s.device(Self.well)?.refused == 1)
        // The forged status stays retained: an aggregator that restarts is handed it again, and refuses it again.
        s.aggregator.kill(SIGTERM)
        _ = s.aggregator.wait(seconds: 10)
    }

    @Test func claimedFutureSequenceNumbersDoNotMakeGenuineReadingsDuplicates() throws {
        let s = try scene()
        defer { s.aggregator.kill(SIGKILL) }
        try wellPublishes(s, Self.pack(device: Self.hall, seqs: 1...100, kWh: 0, at: s.now))
        #expect(eventually(10) { try s.device(Self.well)?.refused == 100 }, "\(s.aggregator.output)")
        try #require(try s.hall.publishAndAwaitAck(MQTTMessage(topic: "sgw/\(Self.hallSite)/\(Self.hall)/data",
                                                               text: Self.pack(device: Self.hall, seqs: 1...10, kWh: 1.5, at: s.now))) == 0)
        #expect(eventually(10) { try s.store().allReadings().count == 10 }, "\(s.aggregator.output)")
        let hall = try #require(try s.device(Self.hall))
        #expect(hall.received == 10 && hall.expected == 10)
        #expect(try s.store().allReadings().allSatisfy { $0.reading.value?.value == 1.5 && $0.site == Self.hallSite })
        #expect(!s.aggregator.output.contains("duplicates dropped") || s.aggregator.output.contains("0 duplicates dropped"))
    }

    @Test func injectedRecordsDoNotInflateAnySitesImport() throws {
        let s = try scene()
        defer { s.aggregator.kill(SIGKILL) }
        try wellPublishes(s, Self.pack(device: Self.hall, seqs: 500..<505, kWh: 1_000_000, at: s.now))
        #expect(eventually(10) { try s.device(Self.well)?.refused == 5 }, "\(s.aggregator.output)")
        try #require(try s.hall.publishAndAwaitAck(MQTTMessage(topic: "sgw/\(Self.hallSite)/\(Self.hall)/data",
                                                               text: Self.pack(device: Self.hall, seqs: 1...2, kWh: 2, at: s.now))) == 0)
        #expect(eventually(10) { try s.store().allReadings().count == 2 })
        #expect(try s.site(Self.hallSite)?.energyImportedKWh == 4)
        #expect((try s.site(Self.wellSite)?.energyImportedKWh ?? 0) == 0)
        #expect(s.aggregator.output.contains("names \"\(Self.hall)\""), "the log names who was impersonated: \(s.aggregator.output)")
    }

    /// The well board's certificate with the city hall's client id (a board set up with the wrong site file,
    /// or an attacker): the broker gives it its own certificate's name as client id, so the city hall stays.
    @Test func aBoardWithTheWrongCertificateCannotKnockTheRealOneOff() throws {
        let s = try scene()
        defer { s.aggregator.kill(SIGKILL) }
        var options = s.city.board(Self.hall, tls: .init(
            caFile: s.city.folder + "/ca/ca.crt", certificateFile: s.city.folder + "/boards/\(Self.well)/\(Self.well).crt",
            keyFile: s.city.folder + "/boards/\(Self.well)/\(Self.well).key"))
        options.clientID = "sgw-\(Self.hall)"
        for _ in 0..<5 {
            let impostor = try MQTTClient(options)
            #expect(try impostor.connectAndAwaitConnack() == 0)
            impostor.disconnect()
        }
        let events = s.hall.pollUntil(timeoutMilliseconds: 2000) { if case .disconnected = $0 { true } else { false } }
        #expect(!events.contains { if case .disconnected = $0 { true } else { false } }, "the city hall was knocked off")
        #expect(try s.hall.publishAndAwaitAck(MQTTMessage(topic: "sgw/\(Self.hallSite)/\(Self.hall)/data",
                                                          text: Self.pack(device: Self.hall, seqs: 1...1, kWh: 1, at: s.now))) == 0)
        #expect(s.city.broker.log.contains("as \(Self.well) ("), "the client id is the certificate's name: \(s.city.broker.log)")
    }
}
