import FieldText

/// A command as the person at the terminal sees it: its name, what it does, its options, its subcommands.
/// A command either has subcommands (and no options of its own) or is run.
public struct CommandDeclaration: Sendable {
    public let name: String
    public let abstract: HelpWords
    public let discussion: HelpWords?
    public let options: [OptionDeclaration]
    public let subcommands: [CommandDeclaration]
    /// What `--version` prints; only a program (the root command) has one.
    public let version: String?

    public init(name: String, abstract: HelpWords, discussion: HelpWords? = nil, options: [OptionDeclaration] = [],
                subcommands: [CommandDeclaration] = [], version: String? = nil) {
        self.name = name
        self.version = version
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.subcommands = subcommands
    }

    /// A command whose help comes from the field catalogue, in the reader's language.
    public init(name: String, abstract: HelpMessage, discussion: HelpMessage? = nil, options: [OptionDeclaration] = [],
                subcommands: [CommandDeclaration] = [], version: String? = nil) {
        self.init(name: name, abstract: .message(abstract), discussion: discussion.map { .message($0) }, options: options,
                  subcommands: subcommands, version: version)
    }

    public func subcommand(named name: String) -> CommandDeclaration? {
        for command in subcommands where command.name == name { return command }
        return nil
    }

    public func option(named name: String) -> OptionDeclaration? {
        for option in options where option.name == name { return option }
        return nil
    }
}

/// A command together with the commands above it, `sensor-gateway calibrate offset`: what usage lines and
/// help name.
public struct CommandPath: Sendable {
    public let commands: [CommandDeclaration]

    public init(_ commands: [CommandDeclaration]) {
        precondition(!commands.isEmpty, "a command path starts at the program")
        self.commands = commands
    }

    public var root: CommandPath { CommandPath([commands[0]]) }
    public var command: CommandDeclaration { commands[commands.count - 1] }
    public var names: [String] {
        var names: [String] = []
        for command in commands { names.append(command.name) }
        return names
    }
    public var fullName: String { names.joined(separator: " ") }

    public func appending(_ command: CommandDeclaration) -> CommandPath { CommandPath(commands + [command]) }
}
