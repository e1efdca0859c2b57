import ArgumentParser
import DaemonSupport
import MQTTTransport

/// The broker login flags for a full-Swift daemon on swift-argument-parser (the city's kpi-aggregator): the
/// same flags, help and checks as the board's, all taken from `BrokerLogin`.
public struct BrokerLoginOptions: ParsableArguments {
    @Option(help: ArgumentHelp(BrokerLoginHelp.username)) public var username: String?
    @Option(help: ArgumentHelp(BrokerLoginHelp.passwordFile)) public var passwordFile: String?
    @Option(help: ArgumentHelp(BrokerLoginHelp.caFile)) public var caFile: String?
    @Option(help: ArgumentHelp(BrokerLoginHelp.certFile)) public var certFile: String?
    @Option(help: ArgumentHelp(BrokerLoginHelp.keyFile)) public var keyFile: String?
    @Flag(help: ArgumentHelp(BrokerLoginHelp.insecurePlaintext)) public var insecurePlaintext = false

    public static let systemCABundle = BrokerLogin.systemCABundle

    public init() {}

    public var login: BrokerLogin {
        BrokerLogin(username: username, passwordFile: passwordFile, caFile: caFile, certFile: certFile,
                    keyFile: keyFile, insecurePlaintext: insecurePlaintext)
    }

    public func validate() throws {
        do { try login.validate() } catch { throw ValidationError(error.description) }
    }

    public func credentials() throws -> MQTTConnectionOptions.Credentials? {
        do { return try login.credentials() } catch { throw ValidationError(error.description) }
    }

    public func tls(host: String) -> MQTTConnectionOptions.TLS? { login.tls(host: host) }
}
