/// One pass over a document's events: nodes, anchors, and the bounds of `YAMLLimits`.
struct Composition {
    private var anchors: [String: YAMLNode] = [:]
    private var nodes = 0

    /// The single document of the stream, or nil when there is none.
    mutating func document(_ events: inout EventSource) throws(YAMLReadError) -> YAMLNode? {
        var event = try events.next()
        if event.kind == .streamStart { event = try events.next() }
        guard event.kind == .documentStart else { return nil }
        let root = try node(from: try events.next(), &events, depth: 0)
        _ = try events.next() // document end
        let after = try events.next()
        if after.kind == .documentStart { throw .severalDocuments(mark: after.mark) }
        return root
    }

    private mutating func node(from event: Event, _ events: inout EventSource,
                               depth: Int) throws(YAMLReadError) -> YAMLNode {
        guard depth < YAMLLimits.deepestNesting else {
            throw .tooComplex("values are nested more than \(YAMLLimits.deepestNesting) levels deep", mark: event.mark)
        }
        let built: YAMLNode
        switch event.kind {
        case .alias:
            let name = event.anchor ?? ""
            guard let target = anchors[name] else { throw .undefinedAlias(name, mark: event.mark) }
            try count(target.weight, at: event.mark)
            return target
        case .scalar:
            try count(1, at: event.mark)
            built = YAMLNode(.scalar(event.scalar ?? YAMLScalar(text: "", style: .plain, tag: nil)),
                             mark: event.mark, weight: 1)
        case .sequenceStart:
            try count(1, at: event.mark)
            var items: [YAMLNode] = []
            var weight = 1
            while true {
                let next = try events.next()
                if next.kind == .sequenceEnd { break }
                let item = try node(from: next, &events, depth: depth + 1)
                weight += item.weight
                items.append(item)
            }
            built = YAMLNode(.sequence(items), mark: event.mark, weight: weight)
        case .mappingStart:
            try count(1, at: event.mark)
            var pairs: [YAMLPair] = []
            var weight = 1
            while true {
                let next = try events.next()
                if next.kind == .mappingEnd { break }
                let key = try node(from: next, &events, depth: depth + 1)
                let value = try node(from: try events.next(), &events, depth: depth + 1)
                weight += key.weight + value.weight
                pairs.append(YAMLPair(key: key, value: value))
            }
            try Self.checkDuplicates(pairs)
            built = YAMLNode(.mapping(pairs), mark: event.mark, weight: weight)
        default:
            throw .syntax(problem: "unexpected event", mark: event.mark, context: nil, contextMark: nil)
        }
        if let anchor = event.anchor { anchors[anchor] = built }
        return built
    }

    private mutating func count(_ added: Int, at mark: YAMLMark) throws(YAMLReadError) {
        nodes += added
        guard nodes <= YAMLLimits.mostNodes else {
            throw .tooComplex("more than \(YAMLLimits.mostNodes) values (aliases included)", mark: mark)
        }
    }

    /// Every key written more than once (by its text), reported at the first of them in sorted order, as
    /// Yams reported them.
    private static func checkDuplicates(_ pairs: [YAMLPair]) throws(YAMLReadError) {
        var first: [String: YAMLMark] = [:]
        var repeated: Set<String> = []
        for pair in pairs {
            guard let text = pair.key.scalar?.text else { continue }
            if first[text] == nil { first[text] = pair.key.mark } else { repeated.insert(text) }
        }
        guard let earliest = repeated.min(), let mark = first[earliest] else { return }
        throw .duplicateKeys(repeated.sorted(), mark: mark)
    }
}
