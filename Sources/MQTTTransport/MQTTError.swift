import CMosquitto

/// A libmosquitto failure, with what was being attempted and against which broker, in words a field
/// technician can act on.
public struct MQTTError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The broker answered CONNECT with a refusal (bad credentials, not authorised, …).
        case refused(reasonCode: Int32)
        /// No TCP connection: broker absent, port closed, network down.
        case unreachable
        case tls
        case protocolError(code: Int32)
    }
    public var kind: Kind
    public var broker: String
    public var operation: String
    public var detail: String
    /// For `.tls`: the certificate, name and dates at fault, when the diagnosis found them.
    public var tlsProblem: TLSProblem?

    public init(kind: Kind, broker: String, operation: String, detail: String) {
        self.kind = kind
        self.broker = broker
        self.operation = operation
        self.detail = detail
    }

    public init(tls problem: TLSProblem, broker: String, operation: String) {
        self.init(kind: .tls, broker: broker, operation: operation, detail: problem.description)
        tlsProblem = problem
    }

    static func from(code: Int32, broker: String, operation: String, errno: Int32 = 0) -> MQTTError {
        let text = String(cString: mosquitto_strerror(code))
        switch code {
        case Int32(MOSQ_ERR_ERRNO.rawValue), Int32(MOSQ_ERR_NO_CONN.rawValue), Int32(MOSQ_ERR_CONN_LOST.rawValue),
             Int32(MOSQ_ERR_EAI.rawValue):
            return MQTTError(kind: .unreachable, broker: broker, operation: operation, detail: text)
        case Int32(MOSQ_ERR_TLS.rawValue), Int32(MOSQ_ERR_TLS_HANDSHAKE.rawValue):
            return MQTTError(kind: .tls, broker: broker, operation: operation, detail: text)
        case Int32(MOSQ_ERR_CONN_REFUSED.rawValue), Int32(MOSQ_ERR_AUTH.rawValue), Int32(MOSQ_ERR_ACL_DENIED.rawValue):
            return MQTTError(kind: .refused(reasonCode: code), broker: broker, operation: operation, detail: text)
        default:
            return MQTTError(kind: .protocolError(code: code), broker: broker, operation: operation, detail: text)
        }
    }

    public var description: String {
        tlsProblem != nil ? "TLS to broker \(broker) failed: \(detail)" : "MQTT \(operation) with broker \(broker): \(detail)"
    }
}

/// Text for an MQTT v5 CONNACK/PUBACK/DISCONNECT reason code, e.g. 0x86 "Bad user name or password".
public func mqttReasonText(_ code: Int32) -> String {
    String(cString: mosquitto_reason_string(code))
}

/// libmosquitto's disconnect callback gives either its own error number (the connection broke) or, from
/// 0x80 up, the MQTT v5 reason the broker sent in its DISCONNECT.
public func mqttDisconnectText(_ code: Int32) -> String {
    code >= 0x80 ? "broker said: \(mqttReasonText(code))" : String(cString: mosquitto_strerror(code))
}
