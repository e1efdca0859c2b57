import Foundation
import MQTTTransport
import Testing
import TestSupport

/// Who may connect to the shipped city broker: boards by certificate, the aggregator by password.
@Suite(.serialized) struct BoardAuthenticationTests {
    @Test func boardWithItsCertificateConnectsAndPublishesUnderItsOwnTopic() throws {
        let city = try CityBroker()
        let sub = try city.independentSubscriber()
        let board = try MQTTClient(city.board("well-07", tls: try city.issueBoard("well-07")))
        #expect(try board.connectAndAwaitConnack() == 0)
        #expect(try board.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-07/data", text: "[]")) == 0)
        #expect(eventually(5) { CityBroker.received(sub) == ["sgw/kumamoto-07/well-07/data []"] })
    }

    @Test func wrongAggregatorPasswordIsRefusedWithTheBrokersReason() throws {
        let city = try CityBroker()
        let client = try MQTTClient(city.aggregator(password: "not-the-password"))
        let reason = try #require(try client.connectAndAwaitConnack())
        // Mosquitto 2.0 answers a wrong password with 0x87 "Not authorized", not 0x86.
        #expect(reason == 0x87)
        #expect(mqttReasonText(reason) == "Not authorized")
        #expect(city.broker.log.contains("disconnected, not authorised"))
    }

    @Test func boardWithoutCertificateIsTurnedAwayAndTheMessageSaysWhy() throws {
        let city = try CityBroker()
        let tls = try city.issueBoard("well-07")
        let board = try MQTTClient(city.board("well-07", tls: .init(caFile: tls.caFile)))
        #expect {
            _ = try board.connectAndAwaitConnack()
        } throws: { error in
            let e = error as! MQTTError
            guard case .clientCertificateRefused(nil, let reason)? = e.tlsProblem else { return false }
            return reason.contains("certificate required") && e.description.hasPrefix(
                "TLS to broker 127.0.0.1:\(city.boardPort) failed: the broker refused this board's certificate (none was sent)")
        }
    }

    @Test func expiredBoardCertificateIsNamedBeforeConnecting() throws {
        let city = try CityBroker()
        let tls = try city.issueBoard("well-07", extra: ["--valid-from", "20240401000000Z", "--valid-until", "20260331000000Z"])
        let board = try MQTTClient(city.board("well-07", tls: tls))
        #expect {
            _ = try board.connectAndAwaitConnack()
        } throws: { error in
            let e = error as! MQTTError
            guard case .clientCertificateExpired(let c, let file, _)? = e.tlsProblem else { return false }
            return c.subject == "CN=well-07" && c.notAfter == "2026-03-31 00:00:00Z" && file == tls.certificateFile
                && e.description.contains("\"CN=well-07\" has expired (notAfter 2026-03-31 00:00:00Z")
        }
        // Checked locally: the broker never saw a connection attempt.
        #expect(!city.broker.log.contains("New connection"))
    }

    @Test func revokedBoardIsRefusedAndOthersStillConnect() throws {
        let city = try CityBroker(revokedBoards: ["well-09"])
        let revoked = try MQTTClient(city.board("well-09", tls: .init(
            caFile: city.folder + "/ca/ca.crt", certificateFile: city.folder + "/boards/well-09/well-09.crt",
            keyFile: city.folder + "/boards/well-09/well-09.key")))
        #expect {
            _ = try revoked.connectAndAwaitConnack()
        } throws: { error in
            guard case .clientCertificateRefused(let c?, let reason)? = (error as! MQTTError).tlsProblem else { return false }
            return c.subject == "CN=well-09" && reason.contains("revoked")
        }
        let board = try MQTTClient(city.board("well-07", tls: try city.issueBoard("well-07")))
        #expect(try board.connectAndAwaitConnack() == 0)
    }

    /// On the board listener the certificate is the identity: a user name sent along is ignored.
    @Test func userNameSentByABoardDoesNotChangeItsIdentity() throws {
        let city = try CityBroker()
        var options = city.board("well-07", tls: try city.issueBoard("well-07"))
        options.credentials = .init(username: "aggregator", password: CityBroker.aggregatorPassword)
        let board = try MQTTClient(options)
        #expect(try board.connectAndAwaitConnack() == 0)
        // The client id the board sent ("sgw-well-07") is replaced by its certificate's name, too.
        #expect(city.broker.log.contains("as well-07 (p5, c1, k30, u'well-07')"))
        // Accepted as well-07 (0x10: accepted, nobody subscribed); as "aggregator" it would be 0x87.
        #expect(try board.publishAndAwaitAck(MQTTMessage(topic: "sgw/kumamoto-07/well-07/data", text: "[]")) == 0x10)
    }

    @Test func deviceIDsThatCouldEscapeTheirTopicAreRefusedByTheScript() throws {
        let city = try CityBroker()
        for bad in ["well/07", "well+07", "#", "aggregator", "Well-07", ""] {
            #expect(throws: Shell.Failure.self, "\(bad)") { _ = try city.issueBoard(bad) }
            if bad != "aggregator" {
                #expect(throws: Shell.Failure.self, "site \(bad)") { _ = try city.issueBoard("well-07", site: bad) }
            }
        }
    }
}
