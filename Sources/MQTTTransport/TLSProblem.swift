/// Why a TLS connection to the broker failed, in terms of one certificate, one name and its dates, so that
/// nobody is tempted to switch verification off to find out.
public enum TLSProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// A certificate the broker presented (the broker's own or an intermediate) is past its notAfter.
    case expired(TLSCertificate, host: String, clock: String)
    /// Before its notBefore: usually this board's clock, not the certificate.
    case notYetValid(TLSCertificate, host: String, clock: String)
    case hostMismatch(TLSCertificate, host: String)
    /// The broker's certificate does not lead to the CA file, e.g. it comes from another CA. `at` is the
    /// subject of the certificate in its chain where verification stopped.
    case untrusted(TLSCertificate, host: String, caFile: String, reason: String, at: String)
    /// This board's own certificate, checked before connecting.
    case clientCertificateExpired(TLSCertificate, file: String, clock: String)
    case clientCertificateNotYetValid(TLSCertificate, file: String, clock: String)
    case clientCertificateUnreadable(file: String, reason: String)
    /// The broker ended the handshake after seeing this board's certificate.
    case clientCertificateRefused(TLSCertificate?, reason: String)
    /// No certificate to blame: not TLS on that port, no common protocol version, …
    case handshakeFailed(reason: String)

    public var description: String {
        switch self {
        case .expired(let c, let host, let clock):
            "certificate \"\(c.subject)\" has expired (notAfter \(c.notAfter); this machine's clock \(clock)); "
                + "presented for host name \"\(host)\""
        case .notYetValid(let c, let host, let clock):
            "certificate \"\(c.subject)\" is not valid yet (notBefore \(c.notBefore), notAfter \(c.notAfter)) "
                + "but this machine's clock says \(clock): set the clock; presented for host name \"\(host)\""
        case .hostMismatch(let c, let host):
            "certificate \"\(c.subject)\" does not match host name \"\(host)\" "
                + "(certificate names: \(c.namesForMessage); notAfter \(c.notAfter))"
        case .untrusted(let c, let host, let caFile, let reason, let at):
            "certificate \"\(c.subject)\" for host name \"\(host)\" (notAfter \(c.notAfter)) is not trusted by "
                + "CA file \(caFile): \(reason) (at \"\(at)\")"
        case .clientCertificateExpired(let c, let file, let clock):
            "this board's certificate \(file) \"\(c.subject)\" has expired (notAfter \(c.notAfter); "
                + "this machine's clock \(clock)): issue a new one with issue-board-cert.sh"
        case .clientCertificateNotYetValid(let c, let file, let clock):
            "this board's certificate \(file) \"\(c.subject)\" is not valid yet (notBefore \(c.notBefore)) "
                + "but this machine's clock says \(clock): set the clock"
        case .clientCertificateUnreadable(let file, let reason):
            "cannot read this board's certificate \(file): \(reason)"
        case .clientCertificateRefused(let c, let reason):
            "the broker refused this board's certificate"
                + (c.map { " \"\($0.subject)\" (notAfter \($0.notAfter))" } ?? " (none was sent)") + ": \(reason)"
        case .handshakeFailed(let reason):
            "handshake failed: \(reason)"
        }
    }
}
