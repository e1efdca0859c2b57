/// An application message as published or received.
public struct MQTTMessage: Sendable, Equatable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: Int32
    public var retain: Bool

    public init(topic: String, payload: [UInt8], qos: Int32 = 1, retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }

    public init(topic: String, text: String, qos: Int32 = 1, retain: Bool = false) {
        self.init(topic: topic, payload: Array(text.utf8), qos: qos, retain: retain)
    }

    public var text: String { String(decoding: payload, as: UTF8.self) }
}

/// What the broker connection reported since the last poll.
public enum MQTTEvent: Sendable, Equatable {
    /// CONNACK arrived. `reasonCode` 0 is success; anything else is a refusal and the connection is closed.
    case connected(reasonCode: Int32, sessionPresent: Bool)
    /// The connection ended; `reasonCode` 0 means we asked for it.
    case disconnected(reasonCode: Int32)
    /// The broker acknowledged a QoS 1 publish (PUBACK) with this message id. A non-zero `reasonCode`
    /// (MQTT v5, e.g. 0x87 not authorised) means the broker refused it.
    case acknowledged(messageID: Int32, reasonCode: Int32)
    case message(MQTTMessage)
    case subscribed(messageID: Int32)
}
