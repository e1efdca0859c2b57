import Yams

extension Node {
    /// How a value reads back in an error message: the text as written, or what kind of block it is.
    var shownAs: String {
        switch self {
        case .scalar(let scalar):
            if isNothing { return "nothing" }
            return "\"\(scalar.string)\""
        case .mapping: return "a block of keys"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// `key:` with no value, or `~` / `null`: YAML's "nothing here".
    var isNothing: Bool { null != nil }

    /// Where to point for this value. Yams gives marks 1-based, as editors count.
    var position: Mark? { mark }
}
