import Foundation
import MQTTTransport
import Testing
import TestSupport

/// A broker certificate that fails verification: the error names the certificate, the host name and the
/// expiry, and not one reading leaves the board.
@Suite(.serialized) struct BrokerCertificateTests {
    @Test func expiredBrokerCertificateIsNamedWithItsExpiry() throws {
        let city = try CityBroker(.expired)
        let error = try refusedConnection(city)
        guard case .expired(let c, let host, _)? = error.tlsProblem else {
            Issue.record("expected an expiry diagnosis, got \(error)")
            return
        }
        #expect(c.subject == "CN=broker.city.example")
        #expect(c.notAfter == "2026-01-01 00:00:00Z")
        #expect(host == "127.0.0.1")
        #expect(error.description.hasPrefix(
            "TLS to broker 127.0.0.1:\(city.boardPort) failed: certificate \"CN=broker.city.example\" has expired (notAfter 2026-01-01 00:00:00Z;"))
        #expect(error.description.contains("host name \"127.0.0.1\""))
    }

    @Test func brokerCertificateForAnotherNameIsNamedWithItsNames() throws {
        let city = try CityBroker(.wrongHost)
        let error = try refusedConnection(city)
        guard case .hostMismatch(let c, let host)? = error.tlsProblem else {
            Issue.record("expected a host name diagnosis, got \(error)")
            return
        }
        #expect(c.names == ["broker.city.example"])
        #expect(host == "127.0.0.1")
        #expect(error.description.hasPrefix(
            "TLS to broker 127.0.0.1:\(city.boardPort) failed: certificate \"CN=broker.city.example\" does not match host name \"127.0.0.1\" (certificate names: broker.city.example; notAfter 20"))
    }

    @Test func brokerCertificateFromAnotherCAIsNamedWithTheCAFile() throws {
        let city = try CityBroker()
        try Shell.run(CityBroker.script("init-ca.sh"), ["--broker-name", "other.example", "--out", city.folder + "/other-ca"])
        var tls = try city.issueBoard("well-07")
        tls.caFile = city.folder + "/other-ca/ca.crt"
        let board = try MQTTClient(city.board("well-07", tls: tls))
        #expect {
            _ = try board.connectAndAwaitConnack()
        } throws: { error in
            let e = error as! MQTTError
            guard case .untrusted(let c, _, let caFile, let reason, let at)? = e.tlsProblem else { return false }
            // Mosquitto sends the city CA along with its own certificate; that is where verification stops.
            return c.subject == "CN=broker.city.example" && caFile == tls.caFile
                && reason == "self-signed certificate in certificate chain" && at == "CN=SensorGateway City CA"
                && e.description.contains(tls.caFile)
        }
    }

    /// Connects a board with a valid certificate of its own, expects the TLS failure, tries to publish
    /// anyway, and checks with an independent subscriber and the broker's log that nothing got through.
    private func refusedConnection(_ city: CityBroker) throws -> MQTTError {
        let sub = try city.independentSubscriber()
        let board = try MQTTClient(city.board("well-07", tls: try city.issueBoard("well-07")))
        var caught: MQTTError?
        do { try board.connect() } catch { caught = error }
        let error = try #require(caught, "connected despite the broker's certificate")
        #expect(error.kind == .tls)
        _ = try? board.publish(MQTTMessage(topic: "sgw/kumamoto-07/well-07/data", text: "[]"))
        let events = board.pollUntil(timeoutMilliseconds: 1500) { $0.isConnack }
        #expect(!events.contains { $0.isConnack || $0.acknowledgement != nil })
        #expect(CityBroker.received(sub).isEmpty)
        #expect(!city.broker.log.contains("u'well-07'"), "the board got an MQTT session: \(city.broker.log)")
        // The publisher's retry (mosquitto_reconnect) meets the same diagnosis, not a bare "TLS error".
        var retried: MQTTError?
        do { try board.connect() } catch { retried = error }
        #expect(retried?.tlsProblem != nil && retried?.description.contains("\"CN=broker.city.example\"") == true,
                "retry said: \(String(describing: retried))")
        return error
    }
}
