import YAMLReader

/// Reads one YAML mapping strictly: every value must have the type the format document gives it, and every
/// problem is reported with its key path instead of being skipped.
struct MappingReader {
    let node: YAMLNode
    let pairs: [YAMLPair]
    let path: String
    let diagnostics: Diagnostics

    /// Nil (with `problem` reported) when `node` is not a mapping.
    init?(_ node: YAMLNode, path: String, diagnostics: Diagnostics, problem: CalibrationProblem) {
        guard let pairs = node.pairs else {
            diagnostics.report(problem, at: node, path: path)
            return nil
        }
        self.node = node
        self.pairs = pairs
        self.path = path
        self.diagnostics = diagnostics
    }

    func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func rejectUnknownKeys(allowed: [String]) {
        for pair in pairs {
            let key = pair.key
            let name = key.scalar?.text ?? NodeKind.describe(key)
            if !allowed.contains(name) {
                diagnostics.report(.unknownKey(name, allowed: allowed), at: key, path: path(of: name))
            }
        }
    }

    subscript(key: String) -> YAMLNode? { node[key] }

    func required(_ key: String) -> YAMLNode? {
        guard let value = node[key] else {
            diagnostics.report(.missingField(key), at: node, path: path)
            return nil
        }
        return value
    }

    /// Names and instruments longer than `longest` characters are mistakes (or attacks), not names.
    static let longestName = 256

    func text(_ key: String, required: Bool, longest: Int = MappingReader.longestName) -> String? {
        guard let value = required ? self.required(key) : node[key] else { return nil }
        // Only a string-typed scalar: `measured-by: yes` or `id: 2026` is a slip, not a name.
        guard let scalar = value.scalar, scalar.type == .string, !scalar.text.isEmpty else {
            diagnostics.report(.wrongType(expected: "text", found: NodeKind.describe(value)), at: value,
                               path: path(of: key))
            return nil
        }
        let length = scalar.text.count
        guard length <= longest else {
            diagnostics.report(.textTooLong(length: length, longest: longest), at: value, path: path(of: key))
            return nil
        }
        return scalar.text
    }

    func number(_ key: String, required: Bool) -> Double? {
        guard let value = required ? self.required(key) : node[key] else { return nil }
        return Self.number(value, path: path(of: key), diagnostics: diagnostics)
    }

    func integer(_ key: String, required: Bool) -> Int? {
        guard let value = required ? self.required(key) : node[key] else { return nil }
        guard let scalar = value.scalar, scalar.type == .int, let int = scalar.int else {
            diagnostics.report(.wrongType(expected: "a whole number", found: NodeKind.describe(value)),
                               at: value, path: path(of: key))
            return nil
        }
        return int
    }

    func list(_ key: String) -> [YAMLNode]? {
        guard let value = required(key) else { return nil }
        guard let items = value.items else {
            diagnostics.report(.wrongType(expected: "a list", found: NodeKind.describe(value)), at: value,
                               path: path(of: key))
            return nil
        }
        return items
    }

    /// A plain YAML number; quoted numbers are text, and .inf / .nan are refused as no instrument reads them.
    static func number(_ value: YAMLNode, path: String, diagnostics: Diagnostics) -> Double? {
        guard let scalar = value.scalar, scalar.type == .int || scalar.type == .float,
              let number = scalar.double else {
            diagnostics.report(.wrongType(expected: "a number", found: NodeKind.describe(value)), at: value,
                               path: path)
            return nil
        }
        guard number.isFinite else {
            diagnostics.report(.notFinite, at: value, path: path)
            return nil
        }
        return number
    }
}
