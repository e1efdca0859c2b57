/// What was wrong with the command line as typed: reported on stderr with the command's usage, exit status 64
/// (EX_USAGE), nothing run.
public struct UsageError: Error, Sendable {
    public enum Problem: Sendable {
        /// `--config` last on the line, or followed by something starting with `-`.
        case missingValue(OptionDeclaration)
        /// `--keepalive abc` where a number is expected.
        case invalidValue(String, OptionDeclaration)
        /// `--simulate=yes`.
        case flagGivenAValue(OptionDeclaration, String)
        /// `--frobnicate`; the nearest long option the command has, when one is close.
        case unknownOption(String, suggestion: String?)
        /// Words where no argument is expected, or an unknown subcommand (and what follows it).
        case unexpectedArguments([String])
        /// A required option left out.
        case missingOption(OptionDeclaration)
        /// A command's own check of the values it was given.
        case invalid(String)
    }

    public let problem: Problem
    /// The command whose usage is shown with the message.
    public let path: CommandPath
    /// Said of the words after `help`: the usage shown is the help command's, which has no --help of its own.
    public let inHelpCommand: Bool

    public init(_ problem: Problem, path: CommandPath, inHelpCommand: Bool = false) {
        self.problem = problem
        self.path = path
        self.inHelpCommand = inHelpCommand
    }

    public var message: String {
        switch problem {
        case .missingValue(let option): "Missing value for '\(option.label)'"
        case .invalidValue(let value, let option): "The value '\(value)' is invalid for '\(option.label)'"
        case .flagGivenAValue(let option, let value):
            "The option '\(option.longName)' does not take any value, but '\(value)' was specified."
        case .unknownOption(let name, let suggestion?): "Unknown option '\(name)'. Did you mean '\(suggestion)'?"
        case .unknownOption(let name, nil): "Unknown option '\(name)'"
        case .unexpectedArguments(let words):
            words.count == 1 ? "Unexpected argument '\(words[0])'"
                : "\(words.count) unexpected arguments: " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .missingOption(let option): "Missing expected argument '\(option.label)'"
        case .invalid(let message): message
        }
    }

    /// The option the message is about, whose help is repeated under it.
    var option: OptionDeclaration? {
        switch problem {
        case .missingValue(let option), .invalidValue(_, let option), .missingOption(let option): option
        default: nil
        }
    }

    /// The whole report, every line ending in a newline.
    public var report: String {
        var text = "Error: \(message)\n"
        if let option { text += "Help:  \(option.label)  \(option.help)\n" }
        if inHelpCommand {
            text += "Usage: \(UsageLine.helpCommandSynopsis(program: path.root.command))\n"
        } else {
            text += "Usage: \(UsageLine.synopsis(path))\n"
            text += "  See '\(path.fullName) --help' for more information.\n"
        }
        return text
    }
}
