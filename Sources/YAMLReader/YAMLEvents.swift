import CYAML

/// What the composer needs of one libyaml event, copied out so the event can be freed at once.
struct Event {
    enum Kind { case streamStart, streamEnd, documentStart, documentEnd, alias, scalar, sequenceStart,
                     sequenceEnd, mappingStart, mappingEnd }
    var kind: Kind
    var mark: YAMLMark
    var anchor: String?
    var tag: String?
    var scalar: YAMLScalar?
}

/// Pulls events from a parser, turning libyaml's failures into `YAMLReadError`.
struct EventSource {
    let parser: UnsafeMutablePointer<yaml_parser_t>

    mutating func next() throws(YAMLReadError) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw failure() }
        defer { yaml_event_delete(&event) }
        let mark = YAMLMark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT: return Event(kind: .streamStart, mark: mark)
        case YAML_STREAM_END_EVENT: return Event(kind: .streamEnd, mark: mark)
        case YAML_DOCUMENT_START_EVENT: return Event(kind: .documentStart, mark: mark)
        case YAML_DOCUMENT_END_EVENT: return Event(kind: .documentEnd, mark: mark)
        case YAML_ALIAS_EVENT:
            return Event(kind: .alias, mark: mark, anchor: Self.string(event.data.alias.anchor))
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            // A quoted scalar with no tag is text whatever it spells; libyaml says so with `quoted_implicit`.
            let tag = Self.string(data.tag)
            let scalar = YAMLScalar(text: text, style: Self.style(data.style), tag: tag)
            return Event(kind: .scalar, mark: mark, anchor: Self.string(data.anchor), tag: tag, scalar: scalar)
        case YAML_SEQUENCE_START_EVENT:
            return Event(kind: .sequenceStart, mark: mark, anchor: Self.string(event.data.sequence_start.anchor),
                         tag: Self.string(event.data.sequence_start.tag))
        case YAML_SEQUENCE_END_EVENT: return Event(kind: .sequenceEnd, mark: mark)
        case YAML_MAPPING_START_EVENT:
            return Event(kind: .mappingStart, mark: mark, anchor: Self.string(event.data.mapping_start.anchor),
                         tag: Self.string(event.data.mapping_start.tag))
        case YAML_MAPPING_END_EVENT: return Event(kind: .mappingEnd, mark: mark)
        default: return Event(kind: .streamEnd, mark: mark)
        }
    }

    private func failure() -> YAMLReadError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
        switch p.error {
        case YAML_READER_ERROR:
            return .notText(problem: problem, offset: p.problem_offset)
        case YAML_MEMORY_ERROR:
            return .tooComplex("libyaml ran out of memory", mark: nil)
        default:
            let mark = YAMLMark(line: p.problem_mark.line + 1, column: p.problem_mark.column + 1)
            let context = p.context.map { String(cString: $0) }
            let contextMark = context == nil ? nil
                : YAMLMark(line: p.context_mark.line + 1, column: p.context_mark.column + 1)
            return .syntax(problem: problem, mark: mark, context: context, contextMark: contextMark)
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
