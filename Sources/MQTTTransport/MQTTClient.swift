import CMosquitto
import CSystem

/// One libmosquitto connection, driven by the caller's own loop rather than libmosquitto's thread, so that
/// reconnect timing (backoff with jitter) is ours, and everything runs on one thread. A daemon sleeps in its
/// own poll(2) on `socketDescriptor` and calls `service`; `poll` is for tests and short exchanges.
/// Not thread-safe: create, poll and publish from one thread.
public final class MQTTClient {
    public let options: MQTTConnectionOptions
    private let handle: OpaquePointer
    private var events: [MQTTEvent] = []
    private var hasConnectedOnce = false

    private static let libraryInit: Void = { mosquitto_lib_init(); return () }()

    public init(_ options: MQTTConnectionOptions) throws(MQTTError) {
        _ = MQTTClient.libraryInit
        self.options = options
        let clean = options.sessionExpirySeconds == 0
        guard let h = mosquitto_new(options.clientID, clean, nil) else {
            throw MQTTError(kind: .protocolError(code: -1), broker: options.brokerDescription,
                            operation: "create client", detail: "mosquitto_new failed (out of memory or bad client id)")
        }
        handle = h
        mosquitto_user_data_set(h, Unmanaged.passUnretained(self).toOpaque())
        mosquitto_int_option(h, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5)
        mosquitto_max_inflight_messages_set(h, UInt32(options.maxInflightMessages))
        mosquitto_int_option(h, MOSQ_OPT_RECEIVE_MAXIMUM, Int32(options.receiveMaximum))
        try configureCallbacks()
        try configureSecurity()
    }

    deinit { mosquitto_destroy(handle) }

    private func check(_ rc: Int32, _ operation: String) throws(MQTTError) {
        if rc != MOSQ_ERR_SUCCESS.rawValue {
            throw MQTTError.from(code: rc, broker: options.brokerDescription, operation: operation)
        }
    }

    private static func client(_ obj: UnsafeMutableRawPointer?) -> MQTTClient {
        Unmanaged<MQTTClient>.fromOpaque(obj!).takeUnretainedValue()
    }

    private func configureCallbacks() throws(MQTTError) {
        mosquitto_connect_v5_callback_set(handle) { _, obj, rc, flags, _ in
            MQTTClient.client(obj).events.append(.connected(reasonCode: rc, sessionPresent: flags & 1 != 0))
        }
        mosquitto_disconnect_v5_callback_set(handle) { _, obj, rc, _ in
            MQTTClient.client(obj).events.append(.disconnected(reasonCode: rc))
        }
        mosquitto_publish_v5_callback_set(handle) { _, obj, mid, reason, _ in
            MQTTClient.client(obj).events.append(.acknowledged(messageID: mid, reasonCode: reason))
        }
        mosquitto_subscribe_v5_callback_set(handle) { _, obj, mid, _, _, _ in
            MQTTClient.client(obj).events.append(.subscribed(messageID: mid))
        }
        mosquitto_message_v5_callback_set(handle) { _, obj, msg, _ in
            guard let m = msg?.pointee else { return }
            let topic = String(cString: m.topic)
            var bytes = [UInt8](repeating: 0, count: Int(m.payloadlen))
            if m.payloadlen > 0, let p = m.payload {
                bytes.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: p, count: Int(m.payloadlen))) }
            }
            MQTTClient.client(obj).events.append(.message(MQTTMessage(topic: topic, payload: bytes, qos: m.qos, retain: m.retain)))
        }
        if let will = options.will {
            try check(will.payload.withUnsafeBytes {
                mosquitto_will_set_v5(handle, will.topic, Int32(will.payload.count), $0.baseAddress, will.qos, will.retain, nil)
            }, "set last will")
        }
    }

    private func configureSecurity() throws(MQTTError) {
        if let c = options.credentials {
            try check(mosquitto_username_pw_set(handle, c.username, c.password), "set credentials")
        }
        if let tls = options.tls {
            try check(mosquitto_tls_set(handle, tls.caFile, nil, tls.certificateFile, tls.keyFile, nil), "configure TLS")
            try check(mosquitto_tls_opts_set(handle, 1, nil, nil), "require certificate verification")
        }
    }

    /// Opens the TCP (or TLS) connection and sends CONNECT. Blocks for DNS and TCP connect, so call it from
    /// the publisher's thread, never from the sampling loop. CONNACK arrives later as `.connected`.
    public func connect() throws(MQTTError) {
        if let tls = options.tls, let problem = TLSDiagnosis.checkClientCertificate(tls) {
            throw MQTTError(tls: problem, broker: options.brokerDescription, operation: "connect")
        }
        if hasConnectedOnce {
            try checkConnect(mosquitto_reconnect(handle), "reconnect")
            try awaitTLSConnack()
            return
        }
        var props: OpaquePointer? = nil
        if options.sessionExpirySeconds > 0 {
            mosquitto_property_add_int32(&props, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), options.sessionExpirySeconds)
        }
        defer { mosquitto_property_free_all(&props) }
        let rc = mosquitto_connect_bind_v5(handle, options.host, options.port, options.keepaliveSeconds, nil, props)
        try checkConnect(rc, "connect")
        hasConnectedOnce = true
        try awaitTLSConnack()
    }

    private func checkConnect(_ rc: Int32, _ operation: String) throws(MQTTError) {
        // With TLS, libmosquitto may finish the handshake inside connect and report a broker's certificate
        // alert as a mere protocol error; any failure there is worth a diagnosis (which returns nothing,
        // quickly, when the broker is simply unreachable).
        if options.tls != nil, rc != MOSQ_ERR_SUCCESS.rawValue { throw tlsFailure(rc, operation) }
        try check(rc, operation)
    }

    /// libmosquitto finishes the TLS handshake inside later loops and then says only "TLS error", or just
    /// "connection lost" when the broker rejects our certificate after a TLS 1.3 handshake. Driving the
    /// connection here until CONNACK lets `connect` throw a diagnosis that names the certificate instead.
    private func awaitTLSConnack() throws(MQTTError) {
        guard options.tls != nil else { return }
        for _ in 0..<200 {
            let rc = mosquitto_loop(handle, 50, 1)
            // A CONNACK, even a refusal, means TLS worked; the caller reads it from `poll`.
            if events.contains(where: { if case .connected = $0 { true } else { false } }) { return }
            let dropped = events.contains(where: { if case .disconnected = $0 { true } else { false } })
            if rc != MOSQ_ERR_SUCCESS.rawValue || dropped {
                // The thrown error replaces the disconnect event: one failure, reported once.
                events.removeAll { if case .disconnected = $0 { true } else { false } }
                throw tlsFailure(rc == MOSQ_ERR_SUCCESS.rawValue ? MOSQ_ERR_CONN_LOST.rawValue : rc, "connect")
            }
        }
    }

    private func tlsFailure(_ rc: Int32, _ operation: String) -> MQTTError {
        guard let tls = options.tls,
              let problem = TLSDiagnosis.diagnose(host: options.host, port: options.port, tls: tls) else {
            return MQTTError.from(code: rc, broker: options.brokerDescription, operation: operation)
        }
        return MQTTError(tls: problem, broker: options.brokerDescription, operation: operation)
    }

    /// Runs network I/O for up to `timeoutMilliseconds` and returns what happened. A lost connection shows up
    /// as `.disconnected`; the caller decides when to reconnect.
    public func poll(timeoutMilliseconds: Int32) -> [MQTTEvent] {
        let rc = mosquitto_loop(handle, timeoutMilliseconds, 1)
        if rc == MOSQ_ERR_NO_CONN.rawValue || rc == MOSQ_ERR_CONN_LOST.rawValue {
            if !events.contains(where: { if case .disconnected = $0 { true } else { false } }) {
                events.append(.disconnected(reasonCode: rc))
            }
        }
        let out = events
        events.removeAll(keepingCapacity: true)
        return out
    }

    /// The connection's socket, for the caller's poll(2); nil while there is none (never connected, or the
    /// connection is closed). Poll it for reading, and for writing too while `wantsWrite`.
    public var socketDescriptor: Int32? {
        let fd = mosquitto_socket(handle)
        return fd >= 0 ? fd : nil
    }

    /// With TLS, OpenSSL may hold decrypted bytes libmosquitto has not parsed yet (a record carrying several
    /// PUBACKs): poll(2) no longer sees them on the socket, so `service` reads until none are left.
    public var hasBufferedInput: Bool {
        guard options.tls != nil, let ssl = mosquitto_ssl_get(handle) else { return false }
        return SSL_pending(OpaquePointer(ssl)) > 0
    }

    /// libmosquitto holds bytes the socket has not taken yet.
    public var wantsWrite: Bool { mosquitto_want_write(handle) }

    /// Does the network I/O that poll(2) reported possible, then libmosquitto's housekeeping (keepalive
    /// PINGREQ, PINGRESP timeout), without ever waiting: the caller's poll is the only place the thread
    /// sleeps. Call it when the socket is ready and at least every quarter keepalive. A broken connection
    /// shows up as `.disconnected`.
    public func service(readable: Bool, writable: Bool) -> [MQTTEvent] {
        var rc = MOSQ_ERR_SUCCESS.rawValue
        if readable || hasBufferedInput {
            // Bounded: each read consumes decrypted bytes, but never trust that to end a loop.
            var reads = 0
            repeat {
                // libmosquitto stops reading when errno says EAGAIN, and errno may still say so from any
                // earlier call on this thread.
                sgw_set_errno(0)
                rc = mosquitto_loop_read(handle, 1)
                reads += 1
            } while rc == MOSQ_ERR_SUCCESS.rawValue && reads < 256 && hasBufferedInput
        }
        if rc == MOSQ_ERR_SUCCESS.rawValue, writable, mosquitto_want_write(handle) { rc = mosquitto_loop_write(handle, 1) }
        if rc == MOSQ_ERR_SUCCESS.rawValue { rc = mosquitto_loop_misc(handle) }
        if rc != MOSQ_ERR_SUCCESS.rawValue, !events.contains(where: { if case .disconnected = $0 { true } else { false } }) {
            // libmosquitto calls the disconnect callback itself for most failures; whatever it left out
            // (a protocol error, a failed write) still ends the connection as far as the caller is concerned.
            events.append(.disconnected(reasonCode: rc))
        }
        let out = events
        events.removeAll(keepingCapacity: true)
        return out
    }

    /// Events already received and not yet handed out, without any I/O: after `connect`, whose TLS
    /// handshake may have brought the CONNACK already.
    public func takeEvents() -> [MQTTEvent] {
        let out = events
        events.removeAll(keepingCapacity: true)
        return out
    }

    /// Publishes and returns the message id the matching `.acknowledged` will carry.
    @discardableResult
    public func publish(_ message: MQTTMessage) throws(MQTTError) -> Int32 {
        var mid: Int32 = 0
        let rc = message.payload.withUnsafeBytes {
            mosquitto_publish_v5(handle, &mid, message.topic, Int32(message.payload.count), $0.baseAddress,
                                 message.qos, message.retain, nil)
        }
        try check(rc, "publish to \(message.topic)")
        return mid
    }

    @discardableResult
    public func subscribe(_ pattern: String, qos: Int32 = 1) throws(MQTTError) -> Int32 {
        var mid: Int32 = 0
        try check(mosquitto_subscribe_v5(handle, &mid, pattern, qos, 0, nil), "subscribe to \(pattern)")
        return mid
    }

    /// A clean DISCONNECT: the broker discards the will.
    public func disconnect() {
        mosquitto_disconnect_v5(handle, 0, nil)
        _ = mosquitto_loop(handle, 100, 1)
    }

    /// Drives I/O until `predicate` is satisfied by an event or `timeoutMilliseconds` passes; returns all
    /// events seen. For shutdown paths and tests that need one answer.
    public func pollUntil(timeoutMilliseconds: Int, _ predicate: (MQTTEvent) -> Bool) -> [MQTTEvent] {
        var seen: [MQTTEvent] = []
        var waited = 0
        while waited < timeoutMilliseconds {
            let batch = poll(timeoutMilliseconds: 50)
            seen += batch
            if batch.contains(where: predicate) { break }
            waited += 50
        }
        return seen
    }
}
