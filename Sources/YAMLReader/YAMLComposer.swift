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
