import BoardCommandLine
import DaemonSupport

/// The broker login flags as the board's commands declare and read them.
enum BrokerLoginArguments {
    static func options(listedUnder section: String) -> [OptionDeclaration] {
        let options: [OptionDeclaration] = [
            .optional("username", help: BrokerLoginHelp.username),
            .optional("password-file", help: BrokerLoginHelp.passwordFile),
            .optional("ca-file", help: BrokerLoginHelp.caFile),
            .optional("cert-file", help: BrokerLoginHelp.certFile),
            .optional("key-file", help: BrokerLoginHelp.keyFile),
            .flag("insecure-plaintext", help: BrokerLoginHelp.insecurePlaintext),
        ]
        return options.map { $0.listed(under: section) }
    }

    static func login(_ arguments: ParsedArguments) -> BrokerLogin {
        BrokerLogin(username: arguments.text("username"), passwordFile: arguments.text("password-file"),
                    caFile: arguments.text("ca-file"), certFile: arguments.text("cert-file"),
                    keyFile: arguments.text("key-file"), insecurePlaintext: arguments.flag("insecure-plaintext"))
    }

    /// The login's own checks, reported as usage errors of the command (as swift-argument-parser's option
    /// groups were checked, before the command's).
    static func validate(_ login: BrokerLogin, _ arguments: ParsedArguments) throws(UsageError) {
        do { try login.validate() } catch { throw arguments.invalid(error.description) }
    }
}
