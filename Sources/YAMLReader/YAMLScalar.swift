/// A scalar as written: its text after YAML's own unescaping and folding, how it was written, and its tag
/// when the file gave one (`!!str 42`).
public struct YAMLScalar: Sendable {
    public enum Style: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public let text: String
    public let style: Style
    /// The explicit tag, expanded (`tag:yaml.org,2002:str`); nil when none was written.
    public let tag: String?

    public init(text: String, style: Style, tag: String?) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    /// The YAML 1.1 type this scalar resolves to, by the rules Yams applied: a quoted or block scalar is text,
    /// a plain one is typed by its spelling, an explicit tag wins.
    public var type: YAMLScalarType {
        if let tag { return YAMLScalarType(tag: tag) }
        guard style == .plain else { return .string }
        return YAMLScalarType.resolve(plain: Array(text.utf8))
    }

    /// A whole number (plain only): decimal, `0x`, `0b`, `0o` or leading-`0` octal, `_` separators and
    /// base-60 `1:30`, as Yams read them. Nil for anything else, including numbers too big for `Int`.
    public var int: Int? {
        guard style == .plain else { return nil }
        return YAMLNumberText.integer(text)
    }

    /// A number (plain only): `.inf`, `-.inf`, `.nan`, base 60, or whatever `Double(String)` accepts once
    /// `_` separators are removed, as Yams read them.
    public var double: Double? {
        guard style == .plain else { return nil }
        return YAMLNumberText.double(text)
    }
}
