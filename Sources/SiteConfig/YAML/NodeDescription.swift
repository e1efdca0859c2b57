import YAMLReader

extension YAMLNode {
    /// How a value reads back in an error message: the text as written (shortened when long), or what kind
    /// of block it is.
    var shownAs: String {
        switch content {
        case .scalar(let scalar):
            if isNothing { return "nothing" }
            return quotedForMessage(scalar.text)
        case .mapping: return "a block of keys"
        case .sequence: return "a list"
        }
    }

    /// `key:` with no value, or `~` / `null` written plain: YAML's "nothing here".
    var isNothing: Bool {
        guard let scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.text)
    }
}
