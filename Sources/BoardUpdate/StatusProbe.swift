import CSystem
import DaemonSupport
import MQTTTransport

/// Watches the gateway's retained status topic for `online` with the new firmware version.
/// When the broker cannot be reached the probe says so and the gate does without it (the board keeps
/// journaling through an outage; an update must not wait for the city's broker). It logs in as the gateway
/// does: TLS verified against the CA file (with the client certificate and key when given), or a password.
public final class StatusProbe {
    public let topic: String
    public let version: String
    private var client: MQTTClient?
    public private(set) var reachable = false
    public private(set) var confirmed = false
    public private(set) var lastSeen: String?

    /// Why the broker could not be used, when it could not (for the installer's log).
    public private(set) var problem: String?

    public init(broker: String, login: BrokerLogin, topic: String, version: String) {
        self.topic = topic
        self.version = version
        guard let address = parseBrokerAddress(broker) else { problem = "\(broker) is not HOST:PORT"; return }
        let credentials: MQTTConnectionOptions.Credentials?
        do throws(BrokerLoginError) {
            try login.validate()
            credentials = try login.credentials()
        } catch {
            problem = error.description
            return
        }
        let options = MQTTConnectionOptions(host: address.host, port: address.port, clientID: "sgw-update-\(getpid())",
                                            credentials: credentials, tls: login.tls(host: address.host))
        guard let client = try? MQTTClient(options) else { return }
        do throws(MQTTError) {
            try client.connect()
        } catch {
            problem = error.description
            return
        }
        let events = client.pollUntil(timeoutMilliseconds: 3000) {
            if case .connected = $0 { return true } else { return false }
        }
        for event in events {
            if case .connected(let code, _) = event {
                if code == 0 { reachable = true } else { problem = "the broker refused the login: \(mqttReasonText(code))" }
            }
        }
        guard reachable else { problem = problem ?? "no answer within 3 s"; return }
        _ = try? client.subscribe(topic)
        self.client = client
    }

    /// Drives the connection for up to `milliseconds`; true once the status confirms the version.
    public func check(milliseconds: Int32) -> Bool {
        guard let client, !confirmed else { return confirmed }
        for event in client.poll(timeoutMilliseconds: milliseconds) {
            guard case .message(let message) = event, message.topic == topic, let o = JSONObject(message.payload) else { continue }
            let state = o.strings["state"] ?? "?"
            let firmware = o.strings["firmware"] ?? "?"
            lastSeen = "\(state) \(firmware)"
            if state == "online", firmware == version { confirmed = true }
        }
        return confirmed
    }

    public func close() {
        client?.disconnect()
        client = nil
    }
}
