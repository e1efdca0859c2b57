import Yams

/// Reads one YAML mapping strictly: every value must have the type the format document gives it, and every
/// problem is reported with its key path instead of being skipped.
struct MappingReader {
    let node: Node
    let mapping: Node.Mapping
    let path: String
    let diagnostics: Diagnostics

    /// Nil (with `problem` reported) when `node` is not a mapping.
    init?(_ node: Node, path: String, diagnostics: Diagnostics, problem: CalibrationProblem) {
        guard case let .mapping(mapping) = node else {
            diagnostics.report(problem, at: node, path: path)
            return nil
        }
        self.node = node
        self.mapping = mapping
        self.path = path
        self.diagnostics = diagnostics
    }

    func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func rejectUnknownKeys(allowed: [String]) {
        for (key, _) in mapping {
            let name = key.scalar?.string ?? NodeKind.describe(key)
            if !allowed.contains(name) {
                diagnostics.report(.unknownKey(name, allowed: allowed), at: key, path: path(of: name))
            }
        }
    }

    subscript(key: String) -> Node? { mapping[key] }

    func required(_ key: String) -> Node? {
        guard let value = mapping[key] else {
            diagnostics.report(.missingField(key), at: node, path: path)
            return nil
        }
        return value
    }

    func text(_ key: String, required: Bool) -> String? {
        guard let value = required ? self.required(key) : mapping[key] else { return nil }
        // Only a string-typed scalar: `measured-by: yes` or `id: 2026` is a slip, not a name.
        guard case let .scalar(scalar) = value, value.tagName == .str, !scalar.string.isEmpty else {
            diagnostics.report(.wrongType(expected: "text", found: NodeKind.describe(value)), at: value,
                               path: path(of: key))
            return nil
        }
        return scalar.string
    }

    func number(_ key: String, required: Bool) -> Double? {
        guard let value = required ? self.required(key) : mapping[key] else { return nil }
        return Self.number(value, path: path(of: key), diagnostics: diagnostics)
    }

    func integer(_ key: String, required: Bool) -> Int? {
        guard let value = required ? self.required(key) : mapping[key] else { return nil }
        guard case .scalar = value, value.tagName == .int, let int = value.int else {
            diagnostics.report(.wrongType(expected: "a whole number", found: NodeKind.describe(value)),
                               at: value, path: path(of: key))
            return nil
        }
        return int
    }

    func list(_ key: String) -> [Node]? {
        guard let value = required(key) else { return nil }
        guard case let .sequence(sequence) = value else {
            diagnostics.report(.wrongType(expected: "a list", found: NodeKind.describe(value)), at: value,
                               path: path(of: key))
            return nil
        }
        return Array(sequence)
    }

    /// A plain YAML number; quoted numbers are text, and .inf / .nan are refused as no instrument reads them.
    static func number(_ value: Node, path: String, diagnostics: Diagnostics) -> Double? {
        guard case .scalar = value, value.tagName == .int || value.tagName == .float,
              let number = value.float else {
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
