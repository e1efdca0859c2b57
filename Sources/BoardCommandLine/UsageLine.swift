/// The one-line synopsis after `USAGE:` in help and `Usage:` under an error.
public enum UsageLine {
    /// Past this many options the line keeps only the required ones behind `[<options>]`.
    static let mostOptionsListed = 12

    public static func synopsis(_ path: CommandPath) -> String {
        let command = path.command
        let name = path.fullName
        if !command.subcommands.isEmpty { return "\(name) <subcommand>" }
        if command.options.isEmpty { return name }
        var shown = command.options
        var prefix = ""
        if shown.count > mostOptionsListed {
            shown = shown.filter { $0.isRequired }
            prefix = "[<options>]"
            if shown.isEmpty || shown.count > mostOptionsListed { return "\(name) <options>" }
        }
        var words = [name]
        if !prefix.isEmpty { words.append(prefix) }
        for option in shown { words.append(option.synopsis) }
        return words.joined(separator: " ")
    }

    /// `sensor-gateway help [<subcommands> ...]`
    public static func helpCommandSynopsis(program: CommandDeclaration) -> String {
        "\(program.name) help [<subcommands> ...]"
    }
}
