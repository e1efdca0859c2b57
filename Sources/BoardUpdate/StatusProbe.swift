import CSystem
import MQTTTransport

/// Watches the gateway's retained status topic for `online` with the new firmware version.
/// When the broker cannot be reached the probe says so and the gate does without it (the board keeps
/// journaling through an outage; an update must not wait for the city's broker).
public final class StatusProbe {
    public let topic: String
    public let version: String
    private var client: MQTTClient?
    public private(set) var reachable = false
    public private(set) var confirmed = false
    public private(set) var lastSeen: String?

    public init(broker: String, topic: String, version: String) {
        self.topic = topic
        self.version = version
        guard let address = parseBrokerAddress(broker) else { return }
        let options = MQTTConnectionOptions(host: address.host, port: address.port, clientID: "sgw-update-\(getpid())")
        guard let client = try? MQTTClient(options) else { return }
        do throws(MQTTError) {
            try client.connect()
        } catch {
            return
        }
        let events = client.pollUntil(timeoutMilliseconds: 3000) {
            if case .connected = $0 { return true } else { return false }
        }
        for event in events {
            if case .connected(let code, _) = event, code == 0 { reachable = true }
        }
        guard reachable else { return }
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
