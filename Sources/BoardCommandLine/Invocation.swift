/// What a command line asks for, once read against the program's commands.
public enum Invocation: Sendable {
    /// `--help`, `-h`, `help …`, or a command that needs a subcommand given none: print help, exit 0.
    case help(CommandPath)
    /// `--version` at the program: print the version, exit 0.
    case version(String)
    /// `help help`.
    case helpCommandHelp(program: CommandDeclaration)
    /// Run this command with these options.
    case run(ParsedArguments)
    /// Refused before any command ran.
    case usageError(UsageError)
}
