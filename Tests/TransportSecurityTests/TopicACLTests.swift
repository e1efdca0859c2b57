import Foundation
import MQTTTransport
import Testing
import TestSupport

/// The shipped ACL with the blocks the certificate script appends: a board publishes only under its own
/// site and device id.
@Suite(.serialized) struct TopicACLTests {
    @Test func boardPublishingUnderAnotherBoardsTopicIsRefusedAndNothingArrives() throws {
        let city = try CityBroker()
        let sub = try city.independentSubscriber()
        let tls = try city.issueBoard("well-07")
        for forged in ["sgw/kumamoto-07/well-08/data", "sgw/kumamoto-07/well-08/status", "sgw/kumamoto-07/well-07/config"] {
            let board = try MQTTClient(city.board("well-07", tls: tls))
            #expect(try board.connectAndAwaitConnack() == 0)
            let mid = try board.publish(MQTTMessage(topic: forged, text: "forged"))
            let events = board.pollUntil(timeoutMilliseconds: 5000) { if case .disconnected = $0 { true } else { false } }
            // Mosquitto 2.0.11 answers a v5 QoS 1 publish the ACL denies with PUBACK 0x87 "Not authorized";
            // over TLS it then drops the connection (over plain TCP it keeps it). A board configured with
            // the wrong device id therefore reconnects in a loop: its log shows "Not authorized".
            #expect(events.contains(.acknowledged(messageID: mid, reasonCode: 0x87)), "\(forged): \(events)")
            #expect(events.contains { if case .disconnected = $0 { true } else { false } }, "\(forged): \(events)")
        }
        // A marker from the same board: once it arrives, anything forged before it would have arrived too.
        let board = try MQTTClient(city.board("well-07", tls: tls))
        #expect(try board.connectAndAwaitConnack() == 0)
        #expect(try board.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-07/data", text: "marker")) == 0)
        #expect(eventually(5) { CityBroker.received(sub).contains("sgw/kumamoto-07/well-07/data marker") })
        #expect(CityBroker.received(sub) == ["sgw/kumamoto-07/well-07/data marker"])
    }

    /// The site is pinned too: a board cannot file readings under another site with its own device id.
    @Test func boardCannotNameAnotherSite() throws {
        let city = try CityBroker()
        let sub = try city.independentSubscriber()
        let tls = try city.issueBoard("well-07")
        let board = try MQTTClient(city.board("well-07", tls: tls))
        #expect(try board.connectAndAwaitConnack() == 0)
        #expect(try board.publishAndAwaitAck(MQTTMessage(topic: "sgw/sapporo-01/well-07/data", text: "forged")) == 0x87)
        let again = try MQTTClient(city.board("well-07", tls: tls))
        #expect(try again.connectAndAwaitConnack() == 0)
        #expect(try again.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-07/data", text: "marker")) == 0)
        #expect(eventually(5) { CityBroker.received(sub).contains("sgw/kumamoto-07/well-07/data marker") })
        #expect(CityBroker.received(sub) == ["sgw/kumamoto-07/well-07/data marker"])
    }

    /// Issuing again for the same site renews; for another site the script refuses and the ACL is unchanged.
    @Test func aBoardIsGrantedOneSiteOnly() throws {
        let city = try CityBroker()
        _ = try city.issueBoard("well-07")
        let acl = try String(contentsOfFile: city.folder + "/etc/acl", encoding: .utf8)
        _ = try city.issueBoard("well-07")
        #expect(throws: Shell.Failure.self) { _ = try city.issueBoard("well-07", site: "sapporo-01") }
        #expect(try String(contentsOfFile: city.folder + "/etc/acl", encoding: .utf8) == acl)
        #expect(acl.split(separator: "\n").filter { $0 == "user well-07" }.count == 1, "one block: \(acl)")
    }

    @Test func aggregatorMayReadButNotPublish() throws {
        let city = try CityBroker()
        let aggregator = try MQTTClient(city.aggregator())
        #expect(try aggregator.connectAndAwaitConnack() == 0)
        #expect(try aggregator.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-07/data", text: "[]")) == 0x87)
    }
}
