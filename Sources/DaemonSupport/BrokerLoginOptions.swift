import ArgumentParser
import Foundation
import MQTTTransport

/// How a daemon proves itself to the broker and checks the broker in turn: the same flags for the board and
/// the city side. TLS always verifies the broker against the CA file and its host name; there is no flag to
/// skip that.
public struct BrokerLoginOptions: ParsableArguments {
    @Option(help: "MQTT user name (with --password-file).") public var username: String?
    @Option(help: "File holding the MQTT password (one line).") public var passwordFile: String?
    @Option(help: "CA certificate to verify the broker with; turns TLS on.") public var caFile: String?
    @Option(help: "Client certificate (PEM) for TLS client authentication.") public var certFile: String?
    @Option(help: "Client key (PEM).") public var keyFile: String?
    @Flag(help: "Talk to a broker that is not on this machine without TLS (a lab network only; readings and the password cross the network in clear).")
    public var insecurePlaintext = false

    /// Debian's bundle of public CAs: without --ca-file, a remote broker is still verified, against these.
    public static let systemCABundle = "/etc/ssl/certs/ca-certificates.crt"

    public init() {}

    public func validate() throws {
        if (username == nil) != (passwordFile == nil) {
            throw ValidationError("--username and --password-file go together")
        }
        if (certFile == nil) != (keyFile == nil) {
            throw ValidationError("--cert-file and --key-file go together")
        }
        if certFile != nil && caFile == nil {
            throw ValidationError("--cert-file needs --ca-file: the CA that signed the broker's certificate")
        }
        if insecurePlaintext && caFile != nil {
            throw ValidationError("--insecure-plaintext and --ca-file contradict each other")
        }
        for (flag, path) in [("--password-file", passwordFile), ("--ca-file", caFile), ("--cert-file", certFile), ("--key-file", keyFile)] {
            if let path, !FileManager.default.isReadableFile(atPath: path) {
                throw ValidationError("\(flag) \(path): no such readable file")
            }
        }
    }

    public func credentials() throws -> MQTTConnectionOptions.Credentials? {
        guard let username, let passwordFile else { return nil }
        guard let password = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
            throw ValidationError("--password-file \(passwordFile): cannot read it")
        }
        return .init(username: username, password: password.trimmingCharacters(in: .newlines))
    }

    /// TLS unless told otherwise: plain MQTT only to a broker on this machine or with --insecure-plaintext.
    public func tls(host: String) -> MQTTConnectionOptions.TLS? {
        if let caFile { return .init(caFile: caFile, certificateFile: certFile, keyFile: keyFile) }
        if insecurePlaintext || BrokerLoginOptions.isLoopback(host) { return nil }
        return .init(caFile: BrokerLoginOptions.systemCABundle)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
