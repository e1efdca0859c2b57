import YAMLReader

/// How a node reads to a technician, for "expected a number, found text "abc"" messages.
enum NodeKind {
    static func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .mapping: return "a set of key: value lines"
        case .sequence: return "a list"
        case let .scalar(scalar):
            let shown = quotedForMessage(scalar.text)
            switch scalar.type {
            case .null: return "nothing (null)"
            case .bool: return "yes/no \(shown)"
            case .int, .float: return "the number \(scalar.text.utf8.count > 80 ? shown : scalar.text)"
            case .timestamp: return "the time \(scalar.text)"
            default: return "text \(shown)"
            }
        }
    }
}
