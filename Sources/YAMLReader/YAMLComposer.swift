import CYAML

/// Builds the node tree of one YAML document from libyaml's parse events. The text is checked to be UTF-8
/// first, and libyaml refuses control characters, so a binary file fails here without any of it being shown.
public enum YAMLComposer {
    /// The document's root, or nil when the text holds no document (empty, or only comments).
    public static func compose(_ bytes: [UInt8]) throws(YAMLReadError) -> YAMLNode? {
        if let offset = bytes.firstIndex(of: 0) {
            throw .notText(problem: "it holds NUL bytes, as binaries do", offset: offset)
        }
        if let offset = firstInvalidUTF8(bytes) { throw .notUTF8(offset: offset) }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw .tooComplex("libyaml could not start (out of memory)", mark: nil)
        }
        defer { yaml_parser_delete(parser) }
        var text = bytes
        // libyaml reads the buffer lazily, so it must stay put until the last event is taken.
        return try text.withUnsafeMutableBufferPointer { (buffer) throws(YAMLReadError) -> YAMLNode? in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            var events = EventSource(parser: parser)
            var composition = Composition()
            return try composition.document(&events)
        }
    }

    /// The byte offset of the first byte that does not start or continue valid UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if length == 3 {
                let second = bytes[i + 1]
                if lead == 0xE0 && second < 0xA0 || lead == 0xED && second > 0x9F { return i }
            } else if length == 4 {
                let second = bytes[i + 1]
                if lead == 0xF0 && second < 0x90 || lead == 0xF4 && second > 0x8F { return i }
            }
            i += length
        }
        return nil
    }
}

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
