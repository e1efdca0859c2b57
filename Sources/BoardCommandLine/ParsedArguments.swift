/// The options a command was given, already checked against its declaration: every value converts to its
/// kind and every required option is there.
public struct ParsedArguments: Sendable {
    public let path: CommandPath
    var values: [String: [String]]
    var flags: Set<String>
    /// An unknown option or stray word: reported only after the command's own checks pass, so that a
    /// missing or contradictory option is named first.
    let leftover: UsageError?

    public init(path: CommandPath, values: [String: [String]], flags: Set<String>, leftover: UsageError? = nil) {
        self.path = path
        self.values = values
        self.flags = flags
        self.leftover = leftover
    }

    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value given last, as for any option given twice.
    public func text(_ name: String) -> String? { values[name]?.last }

    public func texts(_ name: String) -> [String] { values[name] ?? [] }

    /// A required option's value: the parser has refused the command line without it.
    public func required(_ name: String) -> String {
        guard let value = text(name) else { preconditionFailure("--\(name) is declared required") }
        return value
    }

    public func number<N: ArgumentNumber>(_ name: String, as: N.Type = N.self) -> N? {
        guard let value = text(name) else { return nil }
        guard let number = N(argument: value) else { preconditionFailure("--\(name) \(value) was checked as a number") }
        return number
    }

    /// A required option's number: the parser has refused the command line without it, or with a value that
    /// does not convert.
    public func requiredNumber<N: ArgumentNumber>(_ name: String, as: N.Type = N.self) -> N {
        guard let number: N = number(name) else { preconditionFailure("--\(name) is declared required") }
        return number
    }

    /// A usage error naming this command, for a command's own checks.
    public func invalid(_ message: String) -> UsageError { UsageError(.invalid(message), path: path) }

    /// The unknown option or stray word, if the command line had one.
    public func checkNothingLeftOver() throws(UsageError) {
        if let leftover { throw leftover }
    }
}
