/// Appends JSON text to a byte buffer, for the three messages the board writes (SenML packs, status, resend
/// requests). Hand-written instead of an encoder library: the board writes only these fixed shapes, the backlog
/// drain is bound by encoding, and Embedded Swift has no `Codable`.
///
/// Numbers round-trip: a `Double` is written as Swift's shortest representation that reads back as the same
/// value (without a trailing ".0", as JSON readers and the earlier encoder had it). JSON has no NaN or infinity,
/// so callers never pass one (`isWritable`); the writer would otherwise write `null` rather than invalid JSON.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    public init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// JSON can carry the value as a number.
    public static func isWritable(_ value: Double) -> Bool { value.isFinite }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Starts an object member; the value written next belongs to it. `key` must need no escaping.
    public mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Starts an object member whose name comes from data (a sensor id in `failedSensors`).
    public mutating func key(_ key: String) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    public mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                escape(byte)
                start = i + 1
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    public mutating func number(_ value: Double) {
        separate()
        appendDouble(value)
        needsComma = true
    }

    public mutating func integer(_ value: UInt64) {
        separate()
        appendDigits(value)
        needsComma = true
    }

    public mutating func integer(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude.toUInt64)
        needsComma = true
    }

    public mutating func bool(_ value: Bool) {
        separate()
        appendASCII(value ? "true" : "false")
        needsComma = true
    }

    /// Seconds since 1970 from whole milliseconds: the same text as the `Double` of those seconds (shortest
    /// round-trip form), written from integers without formatting a floating-point number.
    public mutating func seconds(milliseconds: Int64) {
        // Below 2^33 s (the year 2242) doubles are spaced under 2 µs apart, so the millisecond decimal is the
        // shortest text of the value; beyond that, or before 1970, take the general path.
        guard milliseconds >= 0, milliseconds < 8_589_934_592_000 else {
            number(Double(milliseconds) / 1000)
            return
        }
        separate()
        let whole = UInt64(milliseconds / 1000)
        var fraction = Int(milliseconds % 1000)
        appendDigits(whole)
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
                divisor /= 10
            }
        }
        needsComma = true
    }

    // MARK: Pieces

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            appendASCII("u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }

    private mutating func appendDigits(_ value: UInt64) {
        guard value >= 10 else {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: UInt64.max has 20 digits
        var v = value
        var count = 0
        withUnsafeMutableBytes(of: &scratch) { raw in
            while v > 0 {
                raw[23 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            bytes.append(contentsOf: raw[(24 - count)...])
        }
    }

    private mutating func appendDouble(_ value: Double) {
        guard value.isFinite else {
            appendASCII("null")
            return
        }
        // Whole numbers below 2^53 print exactly as integers ("10", not "10.0").
        if value == value.rounded(.towardZero), value.magnitude < 9_007_199_254_740_992 {
            if value < 0 || (value == 0 && value.sign == .minus) { bytes.append(UInt8(ascii: "-")) }
            appendDigits(UInt64(value.magnitude))
            return
        }
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}

extension UInt {
    fileprivate var toUInt64: UInt64 { UInt64(self) }
}
