/// The text of the sequence reservation file beside the journal: a JSON array of
/// `{"channel":…,"device":…,"reserved":…}` objects, keys in that order (the layout the first firmware wrote
/// with Foundation's encoder, which existing boards still hold). Written and read here by hand: the journal
/// needs nothing else of JSON, and this is pure computation on bytes.
enum ReservationFile {
    struct Entry: Hashable {
        var device: String
        var channel: String
        /// The highest sequence number that may have been used.
        var reserved: UInt64
    }

    /// Where and why the text is not a reservation file.
    struct Unreadable: Error, CustomStringConvertible {
        var offset: Int
        var problem: String
        var description: String { "\(problem) at byte \(offset)" }
    }

    static func encode(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, e) in entries.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"channel\":".utf8)
            appendString(e.channel, to: &out)
            out += Array(",\"device\":".utf8)
            appendString(e.device, to: &out)
            out += Array(",\"reserved\":\(e.reserved)}".utf8)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    private static func appendString(_ s: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), b]
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func decode(_ bytes: [UInt8]) throws(Unreadable) -> [Entry] {
        var reader = Reader(bytes: bytes)
        var entries: [Entry] = []
        try reader.expect(UInt8(ascii: "["))
        if try reader.peek() == UInt8(ascii: "]") {
            reader.index += 1
        } else {
            while true {
                entries.append(try reader.entry())
                let next = try reader.next()
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else { throw reader.unreadable("expected , or ] between entries") }
            }
        }
        reader.skipSpace()
        guard reader.index == bytes.count else { throw reader.unreadable("unexpected text after the list") }
        return entries
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        func unreadable(_ problem: String) -> Unreadable { Unreadable(offset: index, problem: problem) }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func peek() throws(Unreadable) -> UInt8 {
            skipSpace()
            guard index < bytes.count else { throw unreadable("unexpected end") }
            return bytes[index]
        }

        mutating func next() throws(Unreadable) -> UInt8 {
            let b = try peek()
            index += 1
            return b
        }

        mutating func expect(_ b: UInt8) throws(Unreadable) {
            guard try next() == b else {
                index -= 1
                throw unreadable("expected \(String(decoding: [b], as: UTF8.self))")
            }
        }

        mutating func entry() throws(Unreadable) -> Entry {
            try expect(UInt8(ascii: "{"))
            var device: String?, channel: String?, reserved: UInt64?
            if try peek() == UInt8(ascii: "}") { throw unreadable("empty entry") }
            while true {
                let key = try string()
                try expect(UInt8(ascii: ":"))
                switch key {
                case "device": device = try string()
                case "channel": channel = try string()
                case "reserved": reserved = try number()
                default: throw unreadable("unknown key \"\(key)\"")
                }
                let b = try next()
                if b == UInt8(ascii: "}") { break }
                guard b == UInt8(ascii: ",") else { throw unreadable("expected , or } in an entry") }
            }
            guard let device, let channel, let reserved else { throw unreadable("an entry lacks device, channel or reserved") }
            return Entry(device: device, channel: channel, reserved: reserved)
        }

        mutating func number() throws(Unreadable) -> UInt64 {
            _ = try peek()
            var value: UInt64 = 0
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                guard !o1, !o2 else { throw unreadable("number too large") }
                value = sum
                index += 1
            }
            guard index > start else { throw unreadable("expected a whole number") }
            return value
        }

        mutating func string() throws(Unreadable) -> String {
            try expect(UInt8(ascii: "\""))
            var out: [UInt8] = []
            while true {
                guard index < bytes.count else { throw unreadable("unterminated string") }
                let b = bytes[index]
                index += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                guard index < bytes.count else { throw unreadable("unterminated escape") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800, scalar < 0xDC00 {  // a surrogate pair
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else { throw unreadable("lone surrogate") }
                        index += 2
                        let low = try hex4()
                        guard low >= 0xDC00, low < 0xE000 else { throw unreadable("bad surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw unreadable("bad \\u escape") }
                    out += Array(String(Character(u)).utf8)
                default: throw unreadable("bad escape")
                }
            }
        }

        mutating func hex4() throws(Unreadable) -> UInt32 {
            guard index + 4 <= bytes.count else { throw unreadable("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let digit: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
                default: throw unreadable("bad hex digit")
                }
                v = v << 4 | UInt32(digit)
                index += 1
            }
            return v
        }
    }
}
