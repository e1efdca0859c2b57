import CMosquitto
import CSystem

/// libmosquitto reports every failed handshake as "TLS error". After such a failure this repeats the
/// handshake with OpenSSL itself (same host, port, CA file and client certificate) and names the
/// certificate at fault, the host name it was checked against and its dates.
public enum TLSDiagnosis {
    /// Handshakes with the broker and returns what is wrong, or nil if the broker is unreachable or the
    /// handshake now succeeds (a passing fault: the caller keeps libmosquitto's own text).
    public static func diagnose(host: String, port: Int32, tls: MQTTConnectionOptions.TLS,
                                timeoutSeconds: Int = 5) -> TLSProblem? {
        guard let ctx = SSL_CTX_new(TLS_client_method()) else { return nil }
        defer { SSL_CTX_free(ctx) }
        guard SSL_CTX_load_verify_locations(ctx, tls.caFile, nil) == 1 else {
            return .handshakeFailed(reason: "cannot load CA file \(tls.caFile): \(lastErrorText() ?? "?")")
        }
        if let cert = tls.certificateFile, let key = tls.keyFile {
            guard SSL_CTX_use_certificate_chain_file(ctx, cert) == 1,
                  SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) == 1 else {
                return .clientCertificateUnreadable(file: cert, reason: "certificate or key \(key): \(lastErrorText() ?? "?")")
            }
        }
        guard let socket = TLSProbeSocket(host: host, port: port, timeoutSeconds: timeoutSeconds),
              let ssl = SSL_new(ctx) else { return nil }
        defer { SSL_free(ssl) }
        SSL_set_fd(ssl, socket.fd)
        if !isIPAddressLiteral(host) {
            // Server Name Indication, as libmosquitto sends it; a broker behind a TLS proxy may depend on it.
            _ = host.withCString { SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: $0)) }
        }
        ERR_clear_error()
        // Verification mode stays "none" so the handshake completes and the certificates can be examined;
        // nothing is sent over this connection.
        let handshake = SSL_connect(ssl)
        let failure = handshake == 1 ? nil : (lastErrorText() ?? "the broker closed the connection")
        if let peer = SSL_get0_peer_certificate(ssl) {
            if let problem = checkChain(ctx: ctx, ssl: ssl, peer: peer, host: host, caFile: tls.caFile) { return problem }
            if !hostMatches(peer, host) { return .hostMismatch(TLSCertificate(peer), host: host) }
        }
        if let failure { return refusalOrFailure(failure, tls: tls) }
        // With TLS 1.3 the broker judges the client certificate after the client's handshake has finished:
        // its refusal arrives as an alert on the first read.
        // A broker that accepts us waits for CONNECT, so the read times out: nothing wrong after all.
        socket.setReceiveTimeout(milliseconds: 3000)
        var byte: UInt8 = 0
        ERR_clear_error()
        sgw_set_errno(0)
        guard SSL_read(ssl, &byte, 1) <= 0 else { return nil }
        if let alert = lastErrorText() { return refusalOrFailure(alert, tls: tls) }
        if sgw_errno() == EAGAIN || sgw_errno() == EWOULDBLOCK { return nil }
        return .clientCertificateRefused(localCertificate(tls), reason: "the broker closed the connection right after the handshake")
    }

    private static func checkChain(ctx: OpaquePointer, ssl: OpaquePointer, peer: OpaquePointer, host: String,
                                   caFile: String) -> TLSProblem? {
        guard let store = X509_STORE_CTX_new() else { return nil }
        defer { X509_STORE_CTX_free(store) }
        guard X509_STORE_CTX_init(store, SSL_CTX_get_cert_store(ctx), peer, SSL_get_peer_cert_chain(ssl)) == 1 else { return nil }
        X509_STORE_CTX_set_purpose(store, X509_PURPOSE_SSL_SERVER)
        if X509_verify_cert(store) == 1 { return nil }
        let code = X509_STORE_CTX_get_error(store)
        // The certificate the error is about: the broker's own, or an intermediate or CA further up.
        let culprit = TLSCertificate(X509_STORE_CTX_get_current_cert(store) ?? peer)
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return .expired(culprit, host: host, clock: TLSCertificate.now())
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return .notYetValid(culprit, host: host, clock: TLSCertificate.now())
        default:
            return .untrusted(TLSCertificate(peer), host: host, caFile: caFile,
                              reason: String(cString: X509_verify_cert_error_string(Int(code))), at: culprit.subject)
        }
    }

    /// The same rule libmosquitto applies: an IP literal must be among the certificate's IP addresses,
    /// a DNS name among its DNS names (wildcards allowed).
    static func hostMatches(_ certificate: OpaquePointer, _ host: String) -> Bool {
        if isIPAddressLiteral(host) { return X509_check_ip_asc(certificate, host, 0) == 1 }
        return X509_check_host(certificate, host, host.utf8.count, 0, nil) == 1
    }

    /// A certificate alert after the broker's own certificate checked out is about ours (or its absence).
    private static func refusalOrFailure(_ reason: String, tls: MQTTConnectionOptions.TLS) -> TLSProblem {
        guard reason.includes("alert"), reason.includes("certificate") || reason.includes("unknown ca") else {
            return .handshakeFailed(reason: reason)
        }
        return .clientCertificateRefused(localCertificate(tls), reason: reason)
    }

    private static func localCertificate(_ tls: MQTTConnectionOptions.TLS) -> TLSCertificate? {
        guard let file = tls.certificateFile else { return nil }
        return try? TLSCertificate.read(pemFile: file).certificate
    }

    /// The oldest queued OpenSSL error as its reason text, e.g. "sslv3 alert certificate expired"; clears the queue.
    static func lastErrorText() -> String? {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return nil }
        return ERR_reason_error_string(code).map { String(cString: $0) } ?? "OpenSSL error \(code)"
    }
}
