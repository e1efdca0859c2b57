import FieldText

/// What help says about a command, an option or a section: a sentence of the field catalogue, shown in the
/// reader's language, or fixed words for a tool that is not translated (`sgw-update`, a maintainer's).
public enum HelpWords: Sendable, ExpressibleByStringLiteral {
    case message(HelpMessage)
    case fixed(String)

    public init(stringLiteral text: String) { self = .fixed(text) }

    public func text(in language: FieldLanguage) -> String {
        switch self {
        case .message(let message): FieldText.say(message, in: language)
        case .fixed(let text): text
        }
    }
}
