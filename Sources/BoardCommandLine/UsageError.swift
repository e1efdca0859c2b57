import FieldText

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

    /// The message in the technician's language (`LANG=ja_JP.UTF-8` gives Japanese); the English text is what
    /// swift-argument-parser printed, word for word.
    public var message: String { message(in: FieldLanguage.current) }

    public func message(in language: FieldLanguage) -> String {
        func say(_ text: FieldMessage, _ values: [String]) -> String { FieldText.say(text, values, in: language) }
        return switch problem {
        case .missingValue(let option): say(.usageMissingValue, [option.label])
        case .invalidValue(let value, let option): say(.usageInvalidValue, [value, option.label])
        case .flagGivenAValue(let option, let value): say(.usageFlagGivenAValue, [option.longName, value])
        case .unknownOption(let name, let suggestion?): say(.usageUnknownOptionSuggestion, [name, suggestion])
        case .unknownOption(let name, nil): say(.usageUnknownOption, [name])
        case .unexpectedArguments(let words):
            words.count == 1 ? say(.usageUnexpectedArgument, [words[0]])
                : say(.usageUnexpectedArguments, [String(words.count), words.map { "'\($0)'" }.joined(separator: ", ")])
        case .missingOption(let option): say(.usageMissingOption, [option.label])
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
    public var report: String { report(in: FieldLanguage.current) }

    public func report(in language: FieldLanguage) -> String {
        func say(_ text: FieldMessage, _ values: [String]) -> String { FieldText.say(text, values, in: language) }
        var text = say(.usageErrorLine, [message(in: language)]) + "\n"
        if let option { text += say(.usageHelpLine, [option.label, option.help.text(in: language)]) + "\n" }
        if inHelpCommand {
            text += say(.usageSynopsisLine, [UsageLine.helpCommandSynopsis(program: path.root.command)]) + "\n"
        } else {
            text += say(.usageSynopsisLine, [UsageLine.synopsis(path)]) + "\n"
            text += say(.usageSeeHelp, [path.fullName]) + "\n"
        }
        return text
    }
}
