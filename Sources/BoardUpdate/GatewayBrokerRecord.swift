import DaemonSupport
import SenML

/// The broker and login the supervisor runs the gateway with (`run/sgw-update/broker.json`), so an install's
/// health gate checks the retained status the way the gateway publishes it (TLS with the board's CA, client
/// certificate and key, or a password login) without the maintainer repeating the gateway's settings.
public struct GatewayBrokerRecord: Sendable {
    public var broker: String
    public var login: BrokerLogin

    public init(broker: String, login: BrokerLogin) {
        self.broker = broker
        self.login = login
    }

    public static func read(_ path: String) -> GatewayBrokerRecord? {
        guard let bytes = FileOperations.read(path, limit: 65536), let o = JSONObject(bytes),
              let broker = o.strings["broker"] else { return nil }
        return GatewayBrokerRecord(broker: broker, login: BrokerLogin(
            username: o.strings["username"], passwordFile: o.strings["passwordFile"], caFile: o.strings["caFile"],
            certFile: o.strings["certFile"], keyFile: o.strings["keyFile"],
            insecurePlaintext: o.strings["insecurePlaintext"] == "yes"))
    }

    public func write(_ path: String) throws(UpdateError) {
        var json = JSONWriter()
        json.beginObject()
        json.key("broker"); json.string(broker)
        let files: [(String, String?)] = [("caFile", login.caFile), ("certFile", login.certFile),
                                           ("keyFile", login.keyFile), ("passwordFile", login.passwordFile),
                                           ("username", login.username)]
        for (key, value) in files { if let value { json.key(key); json.string(value) } }
        json.key("insecurePlaintext"); json.string(login.insecurePlaintext ? "yes" : "no")
        json.endObject()
        try FileOperations.writeAtomically(path, json.bytes + [10])
    }
}
