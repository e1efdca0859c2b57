/// How to reach and identify to a broker.
public struct MQTTConnectionOptions: Sendable {
    public struct Credentials: Sendable {
        public var username: String
        public var password: String
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// TLS with CA verification and hostname check always on: there is deliberately no switch to turn
    /// verification off.
    public struct TLS: Sendable {
        public var caFile: String
        public var certificateFile: String?
        public var keyFile: String?
        public init(caFile: String, certificateFile: String? = nil, keyFile: String? = nil) {
            self.caFile = caFile
            self.certificateFile = certificateFile
            self.keyFile = keyFile
        }
    }

    public var host: String
    public var port: Int32
    public var clientID: String
    /// Seconds between keepalive pings; the broker publishes the will after 1.5× this with no traffic.
    public var keepaliveSeconds: Int32
    /// A persistent session (MQTT v5 clean start off, with this expiry) lets the broker queue QoS 1 messages
    /// for a subscriber while it is away. 0 means a clean session.
    public var sessionExpirySeconds: UInt32
    public var will: MQTTMessage?
    public var credentials: Credentials?
    public var tls: TLS?
    /// Messages libmosquitto may have in flight before it queues the rest locally.
    public var maxInflightMessages: Int32
    /// QoS 1 messages the broker may send before this client acknowledges them (MQTT v5 Receive Maximum,
    /// 1 to 65535). libmosquitto's 20 held a subscriber to 20 messages per round trip to the broker.
    public var receiveMaximum: UInt16

    public init(host: String, port: Int32, clientID: String, keepaliveSeconds: Int32 = 30,
                sessionExpirySeconds: UInt32 = 0, will: MQTTMessage? = nil, credentials: Credentials? = nil,
                tls: TLS? = nil, maxInflightMessages: Int32 = 20, receiveMaximum: UInt16 = 20) {
        self.receiveMaximum = max(1, receiveMaximum)
        self.host = host
        self.port = port
        self.clientID = clientID
        self.keepaliveSeconds = keepaliveSeconds
        self.sessionExpirySeconds = sessionExpirySeconds
        self.will = will
        self.credentials = credentials
        self.tls = tls
        self.maxInflightMessages = maxInflightMessages
    }

    public var brokerDescription: String { "\(host):\(port)" }
}

/// "host:port" as given on the command line.
public func parseBrokerAddress(_ text: String) -> (host: String, port: Int32)? {
    guard let colon = text.lastIndex(of: ":") else { return (text, 1883) }
    let host = String(text[..<colon])
    guard !host.isEmpty, let port = Int32(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
    return (host, port)
}
