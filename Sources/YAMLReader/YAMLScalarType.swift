/// What a plain scalar means under YAML 1.1's implicit typing, tried in the order Yams' default resolver
/// tried them (bool, int, float, merge, null, timestamp, value); anything else is text.
public enum YAMLScalarType: Sendable, Equatable {
    case string, bool, int, float, null, timestamp, merge, value
    /// An explicit tag outside the YAML core set.
    case other(String)

    static let prefix = "tag:yaml.org,2002:"

    init(tag: String) {
        switch tag {
        case Self.prefix + "str", "!": self = .string
        case Self.prefix + "bool": self = .bool
        case Self.prefix + "int": self = .int
        case Self.prefix + "float": self = .float
        case Self.prefix + "null": self = .null
        case Self.prefix + "timestamp": self = .timestamp
        case Self.prefix + "merge": self = .merge
        case Self.prefix + "value": self = .value
        default: self = .other(tag)
        }
    }

    static func resolve(plain text: [UInt8]) -> YAMLScalarType {
        if isBool(text) { return .bool }
        if YAMLPlainSyntax.isInt(text) { return .int }
        if YAMLPlainSyntax.isFloat(text) { return .float }
        if text == Array("<<".utf8) { return .merge }
        if isNull(text) { return .null }
        if YAMLPlainSyntax.isTimestamp(text) { return .timestamp }
        if text == Array("=".utf8) { return .value }
        return .string
    }

    private static let boolWords: [String] = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static func isBool(_ text: [UInt8]) -> Bool {
        boolWords.contains { Array($0.utf8) == text }
    }

    private static func isNull(_ text: [UInt8]) -> Bool {
        text.isEmpty || ["~", "null", "Null", "NULL"].contains { Array($0.utf8) == text }
    }
}
