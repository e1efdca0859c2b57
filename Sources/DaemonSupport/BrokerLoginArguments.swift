import BoardCommandLine
import FieldText

/// The broker login flags as the board's commands declare and read them (`sensor-gateway run`/`check`, and
/// `sgw-update supervise`/`install`, which pass them on or check the gateway's status with them).
public enum BrokerLoginArguments {
    public static func options(listedUnder section: HelpWords) -> [OptionDeclaration] {
        let options: [OptionDeclaration] = [
            .optional("username", help: .brokerUsername),
            .optional("password-file", help: .brokerPasswordFile),
            .optional("ca-file", help: .brokerCAFile),
            .optional("cert-file", help: .brokerCertFile),
            .optional("key-file", help: .brokerKeyFile),
            .flag("insecure-plaintext", help: .brokerInsecurePlaintext),
        ]
        return options.map { $0.listed(under: section) }
    }

    public static func login(_ arguments: ParsedArguments) -> BrokerLogin {
        BrokerLogin(username: arguments.text("username"), passwordFile: arguments.text("password-file"),
                    caFile: arguments.text("ca-file"), certFile: arguments.text("cert-file"),
                    keyFile: arguments.text("key-file"), insecurePlaintext: arguments.flag("insecure-plaintext"))
    }

    /// The login's own checks, reported as usage errors of the command (as swift-argument-parser's option
    /// groups were checked, before the command's).
    public static func validate(_ login: BrokerLogin, _ arguments: ParsedArguments) throws(UsageError) {
        do { try login.validate() } catch { throw arguments.invalid(error.text(in: FieldLanguage.current)) }
    }
}

extension BrokerLogin {
    /// The same settings as command-line flags, for a program that passes them on (the update supervisor to
    /// the gateway it runs).
    public var arguments: [String] {
        var flags: [String] = []
        let files: [(String, String?)] = [("--username", username), ("--password-file", passwordFile),
                                           ("--ca-file", caFile), ("--cert-file", certFile), ("--key-file", keyFile)]
        for (flag, value) in files { if let value { flags += [flag, value] } }
        if insecurePlaintext { flags.append("--insecure-plaintext") }
        return flags
    }
}
