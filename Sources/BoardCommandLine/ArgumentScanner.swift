/// Reads a command line against a program's commands. In order: subcommand words; then each option as it is
/// met (a missing or unconvertible value stops there); then help if asked for; then required options. Unknown
/// options and stray words are kept for after the command's own checks (`ParsedArguments.leftover`).
public enum ArgumentScanner {
    public static func scan(_ arguments: [String], program: CommandDeclaration) -> Invocation {
        var path = CommandPath([program])
        var i = 0
        while !path.command.subcommands.isEmpty {
            guard i < arguments.count else { return .help(path) }
            let word = arguments[i]
            if word == "-h" || word == "--help" { return .help(path) }
            if path.commands.count == 1 && word == "help" {
                return helpCommand(Array(arguments[(i + 1)...]), program: program)
            }
            if word.hasPrefix("-") && word.count > 1 {
                return .usageError(UsageError(.unknownOption(word, suggestion: nil), path: path))
            }
            guard let subcommand = path.command.subcommand(named: word) else {
                return .usageError(UsageError(.unexpectedArgument(word), path: path))
            }
            path = path.appending(subcommand)
            i += 1
        }
        return scanOptions(Array(arguments[i...]), path: path)
    }

    /// `help run`, `help calibrate offset`: help for the named command, the program's own for a name it
    /// does not know.
    static func helpCommand(_ words: [String], program: CommandDeclaration) -> Invocation {
        if words.first == "help" { return .helpCommandHelp(program: program) }
        var path = CommandPath([program])
        for word in words {
            guard let subcommand = path.command.subcommand(named: word) else { break }
            path = path.appending(subcommand)
        }
        return .help(path)
    }

    static func scanOptions(_ arguments: [String], path: CommandPath) -> Invocation {
        let command = path.command
        var values: [String: [String]] = [:]
        var flags = Set<String>()
        var helpAsked = false
        var leftover: UsageError?
        var onlyArgumentsFollow = false
        var i = 0
        func keep(_ problem: UsageError.Problem) {
            if leftover == nil { leftover = UsageError(problem, path: path) }
        }
        while i < arguments.count {
            let word = arguments[i]
            i += 1
            if onlyArgumentsFollow {
                keep(.unexpectedArgument(word))
            } else if word == "--" {
                onlyArgumentsFollow = true
            } else if word.hasPrefix("--") {
                var name = String(word.dropFirst(2))
                var attached: String?
                if let equals = name.firstIndex(of: "=") {
                    attached = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if name == "help" {
                    helpAsked = true
                    continue
                }
                guard let option = command.option(named: name) else {
                    keep(.unknownOption("--" + name, suggestion: nearestOption(to: "--" + name, in: command)))
                    continue
                }
                switch option.kind {
                case .flag:
                    if let attached { return .usageError(UsageError(.flagGivenAValue(option, attached), path: path)) }
                    flags.insert(name)
                case .value(let kind), .repeatedValue(let kind):
                    let value: String
                    if let attached {
                        value = attached
                    } else if i < arguments.count && !arguments[i].hasPrefix("-") {
                        value = arguments[i]
                        i += 1
                    } else {
                        return .usageError(UsageError(.missingValue(option), path: path))
                    }
                    guard kind.accepts(value) else {
                        return .usageError(UsageError(.invalidValue(value, option), path: path))
                    }
                    values[name, default: []].append(value)
                }
            } else if word.hasPrefix("-") && word.count > 1 {
                // Single-letter options may be run together (`-hx`); -h is the only one there is.
                for letter in word.dropFirst() {
                    if letter == "h" { helpAsked = true } else { keep(.unknownOption("-" + String(letter), suggestion: nil)) }
                }
            } else {
                keep(.unexpectedArgument(word))
            }
        }
        if helpAsked { return .help(path) }
        for option in command.options where option.isRequired && values[option.name] == nil {
            return .usageError(UsageError(.missingOption(option), path: path))
        }
        return .run(ParsedArguments(path: path, values: values, flags: flags, leftover: leftover))
    }

    /// Suggestions come from long options (and --help) within three edits; the closest, the first listed on
    /// a tie.
    static let suggestionDistanceLimit = 4

    static func nearestOption(to typed: String, in command: CommandDeclaration) -> String? {
        var best: (name: String, distance: Int)?
        var candidates: [String] = []
        for option in command.options { candidates.append(option.longName) }
        candidates.append("--help")
        for candidate in candidates {
            let distance = EditDistance.between(candidate, typed)
            guard distance < suggestionDistanceLimit else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.name
    }
}
