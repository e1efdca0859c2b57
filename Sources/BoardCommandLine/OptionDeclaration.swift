import FieldText

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
    public let help: HelpWords
    /// Shown after the help as `(default: …)`, written as the value would print.
    public let defaultValue: String?
    /// Parsing fails with "Missing expected argument" when a required option is not given.
    public let isRequired: Bool
    /// The title of the help section the option is listed under; nil for OPTIONS.
    public let section: HelpWords?

    public init(name: String, kind: Kind, help: HelpWords, defaultValue: String? = nil, isRequired: Bool = false,
                section: HelpWords? = nil) {
        self.name = name
        self.kind = kind
        self.help = help
        self.defaultValue = defaultValue
        self.isRequired = isRequired
        self.section = section
    }

    /// `--name`, present or absent.
    public static func flag(_ name: String, help: HelpMessage) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .flag, help: .message(help))
    }

    /// `--name VALUE` that must be given.
    public static func required(_ name: String, _ kind: ValueKind = .text, help: HelpMessage) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .value(kind), help: .message(help), isRequired: true)
    }

    /// `--name VALUE` that may be left out; `defaultValue` is what help shows the command uses then.
    public static func optional(_ name: String, _ kind: ValueKind = .text, help: HelpMessage,
                                defaultValue: String? = nil) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .value(kind), help: .message(help), defaultValue: defaultValue)
    }

    /// `--name VALUE`, any number of times.
    public static func repeated(_ name: String, _ kind: ValueKind = .text, help: HelpMessage) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .repeatedValue(kind), help: .message(help))
    }

    // The same, with fixed words for a tool whose help is not translated.
    public static func flag(_ name: String, help: String) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .flag, help: .fixed(help))
    }

    public static func required(_ name: String, _ kind: ValueKind = .text, help: String) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .value(kind), help: .fixed(help), isRequired: true)
    }

    public static func optional(_ name: String, _ kind: ValueKind = .text, help: String,
                                defaultValue: String? = nil) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .value(kind), help: .fixed(help), defaultValue: defaultValue)
    }

    public static func repeated(_ name: String, _ kind: ValueKind = .text, help: String) -> OptionDeclaration {
        OptionDeclaration(name: name, kind: .repeatedValue(kind), help: .fixed(help))
    }

    /// The same option listed under a titled help section.
    public func listed(under section: HelpWords) -> OptionDeclaration {
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
    public func helpWithDefault(in language: FieldLanguage) -> String {
        let text = help.text(in: language)
        guard let defaultValue else { return text }
        return text.isEmpty ? FieldText.say(HelpMessage.defaultOnly, [defaultValue], in: language)
            : FieldText.say(HelpMessage.withDefault, [text, defaultValue], in: language)
    }
}
