/// Reads a command line against a program's commands, reporting problems in the order swift-argument-parser
/// did, which the recorded golden files pin down:
/// 1. subcommand words, down to the command to run;
/// 2. each option as it is met: a missing or unconvertible value stops there;
/// 3. help, if asked for anywhere;
/// 4. required options left out;
/// 5. (after the command's own checks) the first unknown option, else every stray word.
public enum ArgumentScanner {
    public static func scan(_ arguments: [String], program: CommandDeclaration) -> Invocation {
        var path = CommandPath([program])
        var i = 0
        while !path.command.subcommands.isEmpty {
            guard i < arguments.count else { return .help(path) }
            let word = arguments[i]
            if word == "-h" || word == "--help" { return .help(path) }
            if path.commands.count == 1, word == "--version", let version = program.version { return .version(version) }
            if path.commands.count == 1 && word == "help" {
                return helpCommand(Array(arguments[(i + 1)...]), program: program)
            }
            if word == "--" {
                let rest = Array(arguments[(i + 1)...])
                return rest.isEmpty ? .help(path) : .usageError(UsageError(.unexpectedArguments(rest), path: path))
            }
            guard let subcommand = path.command.subcommand(named: word) else {
                return strayWords(Array(arguments[i...]), path: path)
            }
            path = path.appending(subcommand)
            i += 1
        }
        return scanOptions(Array(arguments[i...]), path: path)
    }

    /// Words at a command that only has subcommands, none of them one: help if asked for, else the first
    /// option-like word as unknown, else all of them as unexpected.
    static func strayWords(_ words: [String], path: CommandPath) -> Invocation {
        var unexpected: [String] = []
        var unknown: String?
        for word in words {
            if word == "-h" || word == "--help" { return .help(path) }
            if isOptionLike(word) {
                if unknown == nil { unknown = word }
            } else {
                unexpected.append(word)
            }
        }
        if let unknown { return .usageError(UsageError(.unknownOption(unknown, suggestion: nil), path: path)) }
        return .usageError(UsageError(.unexpectedArguments(unexpected), path: path))
    }

    /// `help run`, `help calibrate offset`: help for the named command, the program's own for a name it does
    /// not know. The help command takes no options but -h/--help.
    static func helpCommand(_ words: [String], program: CommandDeclaration) -> Invocation {
        for word in words where isOptionLike(word) && word != "-h" && word != "--help" {
            let name = word.hasPrefix("--") ? word : String(word.prefix(2))
            return .usageError(UsageError(.unknownOption(name, suggestion: nil), path: CommandPath([program]),
                                          inHelpCommand: true))
        }
        if words.first == "help" { return .helpCommandHelp(program: program) }
        var path = CommandPath([program])
        for word in words where !isOptionLike(word) {
            guard let subcommand = path.command.subcommand(named: word) else { break }
            path = path.appending(subcommand)
        }
        return .help(path)
    }

    static func isOptionLike(_ word: String) -> Bool { word.hasPrefix("-") && word.count > 1 }

    static func scanOptions(_ arguments: [String], path: CommandPath) -> Invocation {
        let command = path.command
        var values: [String: [String]] = [:]
        var flags = Set<String>()
        var helpAsked = false
        var unknown: UsageError.Problem?
        var unexpected: [String] = []
        var onlyArgumentsFollow = false
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            i += 1
            if onlyArgumentsFollow {
                unexpected.append(word)
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
                    if unknown == nil {
                        unknown = .unknownOption("--" + name, suggestion: nearestOption(to: "--" + name, in: command))
                    }
                    continue
                }
                switch option.kind {
                case .flag:
                    // `--simulate=` (nothing after the sign) counts as `--simulate`.
                    if let attached, !attached.isEmpty {
                        return .usageError(UsageError(.flagGivenAValue(option, attached), path: path))
                    }
                    flags.insert(name)
                case .value(let kind), .repeatedValue(let kind):
                    let value: String
                    if let attached, !attached.isEmpty {
                        value = attached
                    } else if attached == nil && i < arguments.count && !arguments[i].hasPrefix("-") {
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
            } else if isOptionLike(word) {
                // Single-letter options may be run together (`-hx`); -h is the only one there is.
                for letter in word.dropFirst() {
                    if letter == "h" {
                        helpAsked = true
                    } else if unknown == nil {
                        unknown = .unknownOption("-" + String(letter), suggestion: nil)
                    }
                }
            } else {
                unexpected.append(word)
            }
        }
        if helpAsked { return .help(path) }
        for option in command.options where option.isRequired && values[option.name] == nil {
            return .usageError(UsageError(.missingOption(option), path: path))
        }
        var leftover: UsageError?
        if let unknown {
            leftover = UsageError(unknown, path: path)
        } else if !unexpected.isEmpty {
            leftover = UsageError(.unexpectedArguments(unexpected), path: path)
        }
        return .run(ParsedArguments(path: path, values: values, flags: flags, leftover: leftover))
    }

    /// Suggestions come from the command's long options within three edits: the closest, the first declared
    /// on a tie.
    static let suggestionDistanceLimit = 4

    static func nearestOption(to typed: String, in command: CommandDeclaration) -> String? {
        var best: (name: String, distance: Int)?
        for option in command.options {
            let distance = EditDistance.between(option.longName, typed)
            guard distance < suggestionDistanceLimit else { continue }
            if best == nil || distance < best!.distance { best = (option.longName, distance) }
        }
        return best?.name
    }
}
