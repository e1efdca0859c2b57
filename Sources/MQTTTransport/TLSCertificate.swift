import CMosquitto
import CSystem

/// What a technician needs to recognise a certificate: whose it is, which names it covers, until when.
public struct TLSCertificate: Sendable, Equatable {
    /// RFC 2253-style, e.g. `CN=broker.city.example`.
    public var subject: String
    /// subjectAltName DNS names and IP addresses, in certificate order.
    public var names: [String]
    /// `2026-01-01 00:00:00Z`
    public var notBefore: String
    public var notAfter: String

    /// Reads the summary out of an OpenSSL `X509 *`.
    init(_ x509: OpaquePointer) {
        subject = TLSCertificate.distinguishedName(X509_get_subject_name(x509))
        names = TLSCertificate.alternativeNames(x509)
        notBefore = TLSCertificate.format(X509_get0_notBefore(x509))
        notAfter = TLSCertificate.format(X509_get0_notAfter(x509))
    }

    /// Names for messages: the alternative names, or the common name for a certificate without any.
    var namesForMessage: String {
        names.isEmpty ? "none besides its subject \(subject)" : names.joined(separator: ", ")
    }

    private static func distinguishedName(_ name: OpaquePointer?) -> String {
        guard let name else { return "(no subject)" }
        var parts: [String] = []
        for i in 0..<X509_NAME_entry_count(name) {
            guard let entry = X509_NAME_get_entry(name, i) else { continue }
            let nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry))
            let key = OBJ_nid2sn(nid).map { String(cString: $0) } ?? "?"
            parts.append("\(key)=\(text(X509_NAME_ENTRY_get_data(entry)))")
        }
        return parts.joined(separator: ", ")
    }

    private static func alternativeNames(_ x509: OpaquePointer) -> [String] {
        guard let raw = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else { return [] }
        let stack = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(stack) }
        var out: [String] = []
        for i in 0..<OPENSSL_sk_num(stack) {
            let general = OPENSSL_sk_value(stack, i).assumingMemoryBound(to: GENERAL_NAME.self).pointee
            switch general.type {
            case GEN_DNS: out.append(text(general.d.dNSName))
            case GEN_IPADD: out.append(ipAddress(general.d.iPAddress))
            default: continue
            }
        }
        return out
    }

    private static func text(_ s: UnsafePointer<ASN1_STRING>?) -> String {
        guard let s, let data = ASN1_STRING_get0_data(s) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(s))), as: UTF8.self)
    }

    private static func text(_ s: UnsafeMutablePointer<ASN1_STRING>?) -> String { text(UnsafePointer(s)) }

    private static func ipAddress(_ s: UnsafeMutablePointer<ASN1_STRING>?) -> String {
        guard let s, let data = ASN1_STRING_get0_data(s) else { return "" }
        let bytes = Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(s))))
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: bytes.count, by: 2).map {
            String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
        }.joined(separator: ":")
    }

    static func format(_ time: UnsafePointer<ASN1_TIME>?) -> String {
        var t = tm()
        guard let time, ASN1_TIME_to_tm(time, &t) == 1 else { return "(unreadable date)" }
        return format(t)
    }

    static func format(_ t: tm) -> String {
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday)) \(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec))Z"
    }

    /// This machine's clock in the same format: a board without an RTC that has not synced yet sees 1970
    /// and every certificate as "not yet valid", so messages show the clock next to the dates.
    static func now() -> String {
        var seconds = time(nil)
        var t = tm()
        gmtime_r(&seconds, &t)
        return format(t)
    }
}
