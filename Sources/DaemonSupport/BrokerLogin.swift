import MQTTTransport

/// How a daemon proves itself to the broker and checks the broker in turn: the same settings for the board and
/// the city side, whichever command-line layer reads them. TLS always verifies the broker against the CA file and
/// its host name; there is no setting to skip that.
public struct BrokerLogin: Sendable {
    public var username: String?
    public var passwordFile: String?
    public var caFile: String?
    public var certFile: String?
    public var keyFile: String?
    public var insecurePlaintext: Bool

    /// Debian's bundle of public CAs: without a CA file, a remote broker is still verified, against these.
    public static let systemCABundle = "/etc/ssl/certs/ca-certificates.crt"

    public init(username: String? = nil, passwordFile: String? = nil, caFile: String? = nil, certFile: String? = nil,
                keyFile: String? = nil, insecurePlaintext: Bool = false) {
        self.username = username
        self.passwordFile = passwordFile
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.insecurePlaintext = insecurePlaintext
    }

    /// Settings that go together, contradict each other, or name files this process cannot read.
    public func validate() throws(BrokerLoginError) {
        if (username == nil) != (passwordFile == nil) { throw .usernameWithoutPasswordFile }
        if (certFile == nil) != (keyFile == nil) { throw .certificateWithoutKey }
        if certFile != nil && caFile == nil { throw .certificateWithoutCA }
        if insecurePlaintext && caFile != nil { throw .plaintextContradictsCA }
        let files: [(BrokerLoginError.Setting, String?)] = [
            (.passwordFile, passwordFile), (.caFile, caFile), (.certFile, certFile), (.keyFile, keyFile),
        ]
        for (setting, path) in files {
            if let path, !ReadableFile.isReadable(path) { throw .unreadableFile(setting, path: path) }
        }
    }

    /// The user name and the password file's first line, when a login is configured.
    public func credentials() throws(BrokerLoginError) -> MQTTConnectionOptions.Credentials? {
        guard let username, let passwordFile else { return nil }
        guard let password = ReadableFile.text(passwordFile) else { throw .passwordFileUnreadable(path: passwordFile) }
        return .init(username: username, password: ReadableFile.trimmingLineBreaks(password))
    }

    /// TLS unless told otherwise: plain MQTT only to a broker on this machine or with insecure plaintext.
    public func tls(host: String) -> MQTTConnectionOptions.TLS? {
        if let caFile { return .init(caFile: caFile, certificateFile: certFile, keyFile: keyFile) }
        if insecurePlaintext || BrokerLogin.isLoopback(host) { return nil }
        return .init(caFile: BrokerLogin.systemCABundle)
    }

    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
