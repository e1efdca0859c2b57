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

    @Test func aggregatorMayReadAndAskForReadingsButNotPublishThem() throws {
        let city = try CityBroker()
        let aggregator = try MQTTClient(city.aggregator())
        #expect(try aggregator.connectAndAwaitConnack() == 0)
        #expect(try aggregator.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-07/data", text: "[]")) == 0x87)
        let again = try MQTTClient(city.aggregator())
        #expect(try again.connectAndAwaitConnack() == 0)
        // 0x10: accepted, "no matching subscribers" (no board is listening in this test).
        #expect(try again.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-07/resend", text: "{}")) == 0x10)
    }

    /// A board hears the city's resend requests for itself and no other board's, and cannot make one.
    @Test func resendRequestsReachOnlyTheBoardTheyAreFor() throws {
        let city = try CityBroker()
        let tls = try city.issueBoard("well-07")
        _ = try city.issueBoard("well-08")
        let board = try MQTTClient(city.board("well-07", tls: tls))
        #expect(try board.connectAndAwaitConnack() == 0)
        for topic in ["sgw/kumamoto-07/well-07/resend", "sgw/kumamoto-07/well-08/resend", "sgw/+/+/resend"] {
            let mid = try board.subscribe(topic, qos: 1)
            _ = board.pollUntil(timeoutMilliseconds: 5000) { if case .subscribed(mid) = $0 { true } else { false } }
        }
        let aggregator = try MQTTClient(city.aggregator())
        #expect(try aggregator.connectAndAwaitConnack() == 0)
        #expect(try aggregator.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-08/resend", text: "for 08")) == 0)
        #expect(try aggregator.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-07/resend", text: "for 07")) == 0)
        // Messages reach one subscriber in order, so once "for 07" is in, "for 08" would have been too.
        let events = board.pollUntil(timeoutMilliseconds: 5000) {
            if case .message(let m) = $0 { String(decoding: m.payload, as: UTF8.self) == "for 07" } else { false }
        }
        let heard = events.compactMap { if case .message(let m) = $0 { "\(m.topic) \(String(decoding: m.payload, as: UTF8.self))" } else { nil } }
        #expect(Set(heard) == ["sgw/kumamoto-07/well-07/resend for 07"], "\(events)")
        // A board asking another board to resend is refused like any other forged topic.
        #expect(try board.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-08/resend", text: "{}")) == 0x87)
    }

    /// A board granted before resend requests existed gets its line when its certificate is renewed.
    @Test func renewalAddsTheResendLineToAnOlderBlock() throws {
        let city = try CityBroker()
        let aclPath = city.folder + "/etc/acl"
        let old = try String(contentsOfFile: aclPath, encoding: .utf8)
            + "\nuser well-07\ntopic write sgw/kumamoto-07/well-07/data\ntopic write sgw/kumamoto-07/well-07/status\n"
            + "\nuser well-08\ntopic write sgw/kumamoto-07/well-08/data\ntopic write sgw/kumamoto-07/well-08/status\n"
        try old.write(toFile: aclPath, atomically: true, encoding: .utf8)
        _ = try city.issueBoard("well-07")
        let acl = try String(contentsOfFile: aclPath, encoding: .utf8)
        #expect(acl.contains("topic write sgw/kumamoto-07/well-07/status\ntopic read sgw/kumamoto-07/well-07/resend\n"), "\(acl)")
        #expect(!acl.contains("well-08/resend"), "another board's block is left alone: \(acl)")
        _ = try city.issueBoard("well-07")
        #expect(try String(contentsOfFile: aclPath, encoding: .utf8) == acl, "a second renewal changes nothing")
    }
}
