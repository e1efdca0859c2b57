/// Substring search on UTF-8 bytes. Embedded Swift's standard library has no `String.contains(String)` or
/// `split(separator: String)` (they live in Foundation and _StringProcessing), and these are all the TLS
/// diagnosis needs: OpenSSL's texts and certificate subjects are ASCII.
extension String {
    /// Where `part` first starts in this text's UTF-8, or nil.
    func byteOffset(of part: String) -> Int? {
        let text = Array(utf8), needle = Array(part.utf8)
        guard !needle.isEmpty else { return 0 }
        guard needle.count <= text.count else { return nil }
        for start in 0...(text.count - needle.count) where text[start] == needle[0] {
            var matches = true
            for i in 1..<needle.count where text[start + i] != needle[i] {
                matches = false
                break
            }
            if matches { return start }
        }
        return nil
    }

    func includes(_ part: String) -> Bool { byteOffset(of: part) != nil }

    /// The pieces between occurrences of `separator`.
    func pieces(separatedBy separator: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let offset = String(rest).byteOffset(of: separator), !separator.isEmpty {
            let bytes = Array(rest.utf8)
            out.append(String(decoding: bytes[..<offset], as: UTF8.self))
            rest = Substring(String(decoding: bytes[(offset + separator.utf8.count)...], as: UTF8.self))
        }
        out.append(String(rest))
        return out
    }
}
