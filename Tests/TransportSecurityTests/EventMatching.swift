import MQTTTransport

/// Small predicates over client events, so each test reads as its scenario.
extension MQTTEvent {
    var connackReason: Int32? { if case .connected(let rc, _) = self { rc } else { nil } }
    var isConnack: Bool { connackReason != nil }
    var isSubscribed: Bool { if case .subscribed = self { true } else { false } }
    var acknowledgement: (messageID: Int32, reason: Int32)? {
        if case .acknowledged(let mid, let rc) = self { (mid, rc) } else { nil }
    }
    var message: MQTTMessage? { if case .message(let m) = self { m } else { nil } }
}

extension MQTTClient {
    /// Connects and returns the CONNACK reason code, or nil if none came.
    func connectAndAwaitConnack() throws(MQTTError) -> Int32? {
        try connect()
        return pollUntil(timeoutMilliseconds: 5000) { $0.isConnack }.compactMap(\.connackReason).first
    }

    /// Publishes one QoS 1 message and returns the PUBACK reason code, or nil if none came.
    func publishAndAwaitAck(_ message: MQTTMessage) throws(MQTTError) -> Int32? {
        let mid = try publish(message)
        return pollUntil(timeoutMilliseconds: 5000) { $0.acknowledgement?.messageID == mid }
            .compactMap(\.acknowledgement).first { $0.messageID == mid }?.reason
    }
}
