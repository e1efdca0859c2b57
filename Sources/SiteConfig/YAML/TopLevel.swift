import YAMLReader

/// The top of a site or board file. A file of another kind (a wrong `board-file:` path, a password file, a
/// binary) is refused here with one error that quotes none of its content.
enum TopLevel {
    /// A reader for the root mapping, or nil (with one error) when the file is not a `what` file at all.
    static func reader(_ root: YAMLNode, of what: String, keys: [String], diagnostics: Diagnostics) -> MappingReader? {
        guard let pairs = root.pairs else {
            let message = root.scalar == nil ? "expected a block of keys, found \(root.shownAs)"
                : "expected a block of keys, found text; is this a \(what) file?"
            diagnostics.report(message, at: root.mark, path: .root)
            return nil
        }
        let known = pairs.contains { pair in pair.key.scalar.map { keys.contains($0.text) } ?? false }
        guard known || pairs.isEmpty else {
            diagnostics.report("this is not a \(what) file: none of its \(pairs.count) keys is one of "
                               + keys.joined(separator: ", "), at: root.mark, path: .root)
            return nil
        }
        return MappingReader(root, pairs: pairs, path: .root, diagnostics: diagnostics)
    }
}
