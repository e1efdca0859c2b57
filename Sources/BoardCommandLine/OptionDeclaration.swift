/// One `--name` a command accepts: a flag, an option taking one value, or an option that may be repeated.
public struct OptionDeclaration: Sendable {
    public enum Kind: Sendable, Equatable {
        case flag
        case value(ValueKind)
        case repeatedValue(ValueKind)
    }

    /// The long name without its dashes; its value is shown as `<name>`.
    public let name: String
    public let kind: Kind
    public let help: String
    /// Shown after the help as `(default: …)`, written as the value would print.
    public let defaultValue: String?
    /// Parsing fails with "Missing expected argument" when a required option is not given.
    public let isRequired: Bool
    /// The title of the help section the option is listed under; nil for OPTIONS.
    public let section: String?

    public init(name: String, kind: Kind, help: String, defaultValue: String? = nil, isRequired: Bool = false,
                section: String? = nil) {
        self.name = name
        self.kind = kind
        self.help = help
        self.defaultValue = defaultValue
        self.isRequired = isRequired
        self.section = section
    }

    /// `--name`, present or absent.
    public static func flag(_ name: String, help: String) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .flag, help: help)
    }

    /// `--name VALUE` that must be given.
    public static func required(_ name: String, _ kind: ValueKind = .text, help: String) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .value(kind), help: help, isRequired: true)
    }

    /// `--name VALUE` that may be left out; `defaultValue` is what help shows the command uses then.
    public static func optional(_ name: String, _ kind: ValueKind = .text, help: String,
                                defaultValue: String? = nil) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .value(kind), help: help, defaultValue: defaultValue)
    }

    /// `--name VALUE`, any number of times.
    public static func repeated(_ name: String, _ kind: ValueKind = .text, help: String) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .repeatedValue(kind), help: help)
    }

    /// The same option listed under a titled help section.
    public func listed(under section: String) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: kind, help: help, defaultValue: defaultValue, isRequired: isRequired,
                          section: section)
    }

    public var longName: String { "--" + name }

    public var takesValue: Bool { kind != .flag }

    /// `--config <config>` in help and error messages, `--simulate` for a flag.
    public var label: String { takesValue ? "\(longName) <\(name)>" : longName }

    /// How the option appears in a usage line: optional ones bracketed, repeatable ones with `...`.
    public var synopsis: String {
        switch kind {
        case .flag: "[\(label)]"
        case .value: isRequired ? label : "[\(label)]"
        case .repeatedValue: "[\(label) ...]"
        }
    }

    /// The help text with the default appended, as the OPTIONS section shows it.
    public var helpWithDefault: String {
        guard let defaultValue else { return help }
        return help.isEmpty ? "(default: \(defaultValue))" : "\(help) (default: \(defaultValue))"
    }
}
