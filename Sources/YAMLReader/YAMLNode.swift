/// One value of a YAML document with where it starts. Mappings keep their keys in file order; aliases are
/// already replaced by the node their anchor names (as Yams did), so readers never meet one.
public struct YAMLNode: Sendable {
    public indirect enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public let content: Content
    /// Where the value starts: the first key of a block mapping, the `{` or `[` of a flow one, the first
    /// character (or quote) of a scalar.
    public let mark: YAMLMark
    /// How many nodes this one stands for, itself included; bounds what aliases may expand to.
    let weight: Int

    init(_ content: Content, mark: YAMLMark, weight: Int) {
        self.content = content
        self.mark = mark
        self.weight = weight
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value of the first key whose text is `key`, when this node is a mapping.
    public subscript(key: String) -> YAMLNode? {
        guard let pairs else { return nil }
        for pair in pairs where pair.key.scalar?.text == key { return pair.value }
        return nil
    }

    /// `key:` with no value, `~` or `null`: YAML's "nothing here" (only when written plain).
    public var isNull: Bool { scalar?.type == .null }
}

/// One `key: value` of a mapping.
public struct YAMLPair: Sendable {
    public let key: YAMLNode
    public let value: YAMLNode
}
