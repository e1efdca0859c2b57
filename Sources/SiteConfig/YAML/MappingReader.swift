import YAMLReader

/// Reads one YAML mapping and remembers which keys were asked for, so every key nobody asked for can be
/// reported: a misspelt `pulse-per-litre` must fail loudly, not fall back to a default.
final class MappingReader {
    struct Entry {
        let key: String
        let keyMark: YAMLMark?
        let value: YAMLNode
    }

    let path: KeyPath
    /// Where the mapping starts: where "missing key" errors point.
    let mark: YAMLMark?
    let diagnostics: Diagnostics
    private let entries: [Entry]
    private var asked: Set<String> = []

    init(_ node: YAMLNode, pairs: [YAMLPair], path: KeyPath, diagnostics: Diagnostics) {
        self.path = path
        self.mark = node.mark
        self.diagnostics = diagnostics
        self.entries = pairs.map { Entry(key: $0.key.scalar?.text ?? "", keyMark: $0.key.mark, value: $0.value) }
    }

    /// A reader for `node`, or nil (with an error) when `node` is not a mapping.
    static func make(_ node: YAMLNode, path: KeyPath, at mark: YAMLMark?, diagnostics: Diagnostics) -> MappingReader? {
        guard let pairs = node.pairs else {
            diagnostics.report("expected a block of keys, found \(node.shownAs)", at: mark ?? node.mark, path: path)
            return nil
        }
        return MappingReader(node, pairs: pairs, path: path, diagnostics: diagnostics)
    }

    var keys: [String] { entries.map { $0.key } }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// The entry for `key`, marking it as known. Reports a missing required key at the start of the mapping.
    func entry(_ key: String, required: Bool) -> Entry? {
        asked.insert(key)
        if let found = entries.first(where: { $0.key == key }) { return found }
        if required { report("missing required key \"\(key)\"") }
        return nil
    }

    /// Reports an error about this mapping as a whole.
    func report(_ message: String) {
        diagnostics.report(message, at: mark, path: path)
    }

    /// Reports an error about the value of `entry`, pointing at its key.
    func report(_ message: String, about entry: Entry) {
        diagnostics.report(message, at: entry.keyMark ?? entry.value.mark, path: path.child(entry.key))
    }

    /// Reports a problem with the value of `key` (which was read and found, but does not make sense).
    func reportValue(of key: String, _ message: String) {
        if let entry = entries.first(where: { $0.key == key }) { report(message, about: entry) } else { report(message) }
    }

    /// Marks keys as known without reading them, for keys another reader handles.
    func accept(_ keys: [String]) { asked.formUnion(keys) }

    /// Reports every key that was never asked for. `context` names what the keys were checked against.
    func reportUnknownKeys(allowed: [String], context: String = "here") {
        for entry in entries where !asked.contains(entry.key) {
            report("unknown key \(quotedForMessage(entry.key)) (allowed \(context): \(allowed.joined(separator: ", ")))",
                   about: entry)
        }
    }
}
