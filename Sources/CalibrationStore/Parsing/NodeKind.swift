import Yams

/// How a node reads to a technician, for "expected a number, found text "abc"" messages.
enum NodeKind {
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a set of key: value lines"
        case .sequence: "a list"
        case .alias: "an alias"
        case let .scalar(scalar):
            switch node.tagName {
            case .null: "nothing (null)"
            case .bool: "yes/no \"\(scalar.string)\""
            case .int, .float: "the number \(scalar.string)"
            case .timestamp: "the time \(scalar.string)"
            default: "text \"\(scalar.string)\""
            }
        }
    }
}

extension Node {
    /// The resolved YAML type (`!!int`, `!!str`, …): plain `42` is an int, quoted `"42"` is text.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
