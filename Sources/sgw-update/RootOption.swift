import BoardCommandLine
import BoardUpdate
import BoardLog

/// `--root`, which every command takes: "/" on a board, a folder per simulated board in the tests.
enum RootOption {
    static let declaration = OptionDeclaration.optional(
        "root", help: "Install root holding usr/lib/sensor-gateway, etc/sensor-gateway and var/lib.", defaultValue: "/")

    static func root(_ arguments: ParsedArguments) -> InstallRoot { InstallRoot(arguments.text("root") ?? "/") }

    static let log = Logger(label: "sgw-update")
}
