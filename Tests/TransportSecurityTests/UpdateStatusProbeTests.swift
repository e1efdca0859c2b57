import BoardUpdate
import DaemonSupport
import Foundation
import MQTTTransport
import Testing
import TestSupport

/// The update health gate's status check (sgw-update install --status-topic) against the shipped city broker,
/// which speaks TLS only: it must log in as configured (CA, client certificate or password), not plain MQTT.
@Suite(.serialized) struct UpdateStatusProbeTests {
    static let topic = "sgw/kumamoto-07/well-07/status"

    /// The board's gateway leaves its retained status `online` with its new version, as after an update.
    private func cityWithRetainedStatus() throws -> CityBroker {
        let city = try CityBroker()
        let board = try MQTTClient(city.board("well-07", tls: try city.issueBoard("well-07")))
        #expect(try board.connectAndAwaitConnack() == 0)
        let status = #"{"state":"online","firmware":"0.2.0"}"#
        // 0x10 "no matching subscribers" is an accepted publish: nobody listens yet, the broker retains it.
        let ack = try board.publishAndAwaitAck(MQTTMessage(topic: UpdateStatusProbeTests.topic, text: status, retain: true))
        #expect(ack == 0 || ack == 0x10)
        board.disconnect()
        return city
    }

    @Test func seesTheRetainedStatusOverTLSWithThePasswordLogin() throws {
        let city = try cityWithRetainedStatus()
        let passwordFile = city.folder + "/aggregator.password"
        try (CityBroker.aggregatorPassword + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let login = BrokerLogin(username: "aggregator", passwordFile: passwordFile, caFile: city.folder + "/ca/ca.crt")
        let probe = StatusProbe(broker: "127.0.0.1:\(city.aggregatorPort)", login: login,
                                topic: UpdateStatusProbeTests.topic, version: "0.2.0")
        defer { probe.close() }
        #expect(probe.reachable, "\(probe.problem ?? "")")
        #expect(eventually(5) { probe.check(milliseconds: 200) })
        #expect(probe.lastSeen == "online 0.2.0")
    }

    @Test func logsInWithTheBoardsClientCertificate() throws {
        let city = try cityWithRetainedStatus()
        let folder = city.folder + "/boards/well-07"
        let login = BrokerLogin(caFile: folder + "/ca.crt", certFile: folder + "/well-07.crt", keyFile: folder + "/well-07.key")
        let probe = StatusProbe(broker: "127.0.0.1:\(city.boardPort)", login: login,
                                topic: UpdateStatusProbeTests.topic, version: "0.2.0")
        defer { probe.close() }
        #expect(probe.reachable, "\(probe.problem ?? "")")
    }

    @Test func plainMQTTToTheTLSListenerIsNotTakenForAnAnswer() throws {
        let city = try cityWithRetainedStatus()
        let probe = StatusProbe(broker: "127.0.0.1:\(city.aggregatorPort)", login: BrokerLogin(),
                                topic: UpdateStatusProbeTests.topic, version: "0.2.0")
        defer { probe.close() }
        #expect(!probe.reachable)
        #expect(probe.problem != nil)
    }

    @Test func theSupervisorsRecordKeepsTheGatewaysLogin() throws {
        let path = Paths.scratch("broker-record") + "/broker.json"
        let login = BrokerLogin(caFile: "/etc/sensor-gateway/city-ca.pem", certFile: "/etc/sensor-gateway/board.pem",
                                keyFile: "/etc/sensor-gateway/board.key")
        try GatewayBrokerRecord(broker: "broker.city.example:8883", login: login).write(path)
        let read = try #require(GatewayBrokerRecord.read(path))
        #expect(read.broker == "broker.city.example:8883")
        #expect(read.login.arguments == login.arguments)
        #expect(read.login.arguments == ["--ca-file", "/etc/sensor-gateway/city-ca.pem", "--cert-file",
                                         "/etc/sensor-gateway/board.pem", "--key-file", "/etc/sensor-gateway/board.key"])
    }
}
