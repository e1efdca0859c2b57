import CMosquitto

extension TLSDiagnosis {
    /// This board's own certificate dates, checked before connecting: the broker answers an expired client
    /// certificate only by ending the handshake.
    public static func checkClientCertificate(_ tls: MQTTConnectionOptions.TLS) -> TLSProblem? {
        guard let file = tls.certificateFile else { return nil }
        do {
            let (certificate, validity) = try TLSCertificate.read(pemFile: file)
            switch validity {
            case .valid: return nil
            case .expired: return .clientCertificateExpired(certificate, file: file, clock: TLSCertificate.now())
            case .notYetValid: return .clientCertificateNotYetValid(certificate, file: file, clock: TLSCertificate.now())
            }
        } catch {
            return error
        }
    }
}

extension TLSCertificate {
    enum Validity { case valid, expired, notYetValid }

    /// The first certificate in a PEM file, and where this machine's clock stands relative to its dates.
    static func read(pemFile file: String) throws(TLSProblem) -> (certificate: TLSCertificate, validity: Validity) {
        guard let bio = BIO_new_file(file, "r") else {
            throw .clientCertificateUnreadable(file: file, reason: TLSDiagnosis.lastErrorText() ?? "cannot open the file")
        }
        defer { BIO_free(bio) }
        guard let x509 = PEM_read_bio_X509(bio, nil, nil, nil) else {
            throw .clientCertificateUnreadable(file: file, reason: "no PEM certificate in it (\(TLSDiagnosis.lastErrorText() ?? "?"))")
        }
        defer { X509_free(x509) }
        // X509_cmp_current_time: -1 when the date is before now, 1 when after, 0 when unreadable.
        let validity: Validity = X509_cmp_current_time(X509_get0_notAfter(x509)) < 0 ? .expired
            : X509_cmp_current_time(X509_get0_notBefore(x509)) > 0 ? .notYetValid : .valid
        return (TLSCertificate(x509), validity)
    }
}

extension TLSDiagnosis {
    /// The common name of the board's certificate. The city broker takes it as the board's identity and lets
    /// a board publish only under that device id, so a mismatch would have every reading refused.
    public static func clientCertificateCommonName(_ file: String) throws(TLSProblem) -> String? {
        let subject = try TLSCertificate.read(pemFile: file).certificate.subject
        return subject.pieces(separatedBy: ", ").first { $0.hasPrefix("CN=") }.map { String($0.dropFirst(3)) }
    }
}
