/// The spellings YAML 1.1 gives implicit types, written out as matchers over the UTF-8 bytes instead of the
/// regular expressions Yams used (Foundation's), with the same alternatives:
///   int:       [-+]?0b[01_]+ | [-+]?0o?[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
///              | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+
///   float:     [-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)?
///              | [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
///   timestamp: YYYY-MM-DD | YYYY-M-D([Tt]|[ \t]+)H:MM:SS(\.[0-9]*)?([ \t]*(Z|[-+]H(:MM)?))?
enum YAMLPlainSyntax {
    /// A cursor over the bytes; each matcher consumes what it recognises.
    struct Cursor {
        let bytes: [UInt8]
        var at = 0

        var atEnd: Bool { at == bytes.count }
        var next: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard next == byte else { return false }
            at += 1
            return true
        }

        mutating func take(where test: (UInt8) -> Bool) -> Bool {
            guard let byte = next, test(byte) else { return false }
            at += 1
            return true
        }

        /// Consumes as many bytes as pass `test`; returns how many.
        @discardableResult
        mutating func takeAll(where test: (UInt8) -> Bool) -> Int {
            let start = at
            while let byte = next, test(byte) { at += 1 }
            return at - start
        }

        mutating func sign() { _ = take(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) }
    }

    static func digit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    static func digitOrSeparator(_ b: UInt8) -> Bool { digit(b) || b == UInt8(ascii: "_") }

    static func isInt(_ text: [UInt8]) -> Bool {
        let alternatives: [(inout Cursor) -> Bool] = [
            { c in c.sign(); return c.take(UInt8(ascii: "0")) && c.take(UInt8(ascii: "b"))
                && c.takeAll(where: { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") || $0 == UInt8(ascii: "_") }) > 0 },
            { c in c.sign(); guard c.take(UInt8(ascii: "0")) else { return false }
                _ = c.take(UInt8(ascii: "o"))
                return c.takeAll(where: { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7")) || $0 == UInt8(ascii: "_") }) > 0 },
            { c in c.sign(); if c.take(UInt8(ascii: "0")) { return true }
                guard c.take(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) else { return false }
                c.takeAll(where: digitOrSeparator); return true },
            { c in c.sign(); return c.take(UInt8(ascii: "0")) && c.take(UInt8(ascii: "x"))
                && c.takeAll(where: { digitOrSeparator($0) || (($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "f")) }) > 0 },
            { c in c.sign()
                guard c.take(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) else { return false }
                c.takeAll(where: digitOrSeparator)
                return sexagesimalTail(&c) },
        ]
        return matchesWhole(text, alternatives)
    }

    static func isFloat(_ text: [UInt8]) -> Bool {
        let alternatives: [(inout Cursor) -> Bool] = [
            { c in c.sign()
                guard c.take(where: digit) else { return false }
                c.takeAll(where: digitOrSeparator)
                if c.take(UInt8(ascii: ".")) { c.takeAll(where: digitOrSeparator) }
                if c.take(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
                    c.sign()
                    return c.takeAll(where: digit) > 0
                }
                return true },
            { c in
                guard c.take(UInt8(ascii: ".")), c.takeAll(where: digitOrSeparator) > 0 else { return false }
                if c.take(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
                    guard c.take(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) else { return false }
                    return c.takeAll(where: digit) > 0
                }
                return true },
            { c in c.sign()
                guard c.take(where: digit) else { return false }
                c.takeAll(where: digitOrSeparator)
                guard sexagesimalTail(&c), c.take(UInt8(ascii: ".")) else { return false }
                c.takeAll(where: digitOrSeparator); return true },
            { c in c.sign(); return c.take(UInt8(ascii: ".")) && words(&c, ["inf", "Inf", "INF"]) },
            { c in c.take(UInt8(ascii: ".")) && words(&c, ["nan", "NaN", "NAN"]) },
        ]
        return matchesWhole(text, alternatives)
    }

    static func isTimestamp(_ text: [UInt8]) -> Bool {
        let alternatives: [(inout Cursor) -> Bool] = [
            { c in digits(&c, 4...4) && c.take(UInt8(ascii: "-")) && digits(&c, 2...2) && c.take(UInt8(ascii: "-"))
                && digits(&c, 2...2) },
            { c in
                guard digits(&c, 4...4), c.take(UInt8(ascii: "-")), digits(&c, 1...2), c.take(UInt8(ascii: "-")),
                      digits(&c, 1...2) else { return false }
                let separated = c.take(where: { $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") })
                    || c.takeAll(where: blank) > 0
                guard separated, digits(&c, 1...2), c.take(UInt8(ascii: ":")), digits(&c, 2...2),
                      c.take(UInt8(ascii: ":")), digits(&c, 2...2) else { return false }
                if c.take(UInt8(ascii: ".")) { c.takeAll(where: digit) }
                if c.atEnd { return true }
                c.takeAll(where: blank)
                if c.take(UInt8(ascii: "Z")) { return true }
                guard c.take(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }), digits(&c, 1...2)
                else { return false }
                if c.take(UInt8(ascii: ":")) { return digits(&c, 2...2) }
                return true },
        ]
        return matchesWhole(text, alternatives)
    }

    private static func blank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }

    /// `(:[0-5]?[0-9])+`
    private static func sexagesimalTail(_ c: inout Cursor) -> Bool {
        var groups = 0
        while c.take(UInt8(ascii: ":")) {
            let start = c.at
            let count = c.takeAll(where: digit)
            guard count == 1 || (count == 2 && c.bytes[start] <= UInt8(ascii: "5")) else { return false }
            groups += 1
        }
        return groups > 0
    }

    private static func digits(_ c: inout Cursor, _ count: ClosedRange<Int>) -> Bool {
        var taken = 0
        while taken < count.upperBound, c.take(where: digit) { taken += 1 }
        return count.contains(taken)
    }

    private static func words(_ c: inout Cursor, _ words: [String]) -> Bool {
        let rest = Array(c.bytes[c.at...])
        guard words.contains(where: { Array($0.utf8) == rest }) else { return false }
        c.at = c.bytes.count
        return true
    }

    /// Whether one alternative consumes the whole text (each is tried from the start).
    private static func matchesWhole(_ text: [UInt8], _ alternatives: [(inout Cursor) -> Bool]) -> Bool {
        for alternative in alternatives {
            var cursor = Cursor(bytes: text)
            if alternative(&cursor), cursor.atEnd { return true }
        }
        return false
    }
}
