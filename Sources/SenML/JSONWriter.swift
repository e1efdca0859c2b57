/// Appends JSON text to a byte buffer, for the three messages the board writes (SenML packs, status, resend
/// requests). Hand-written instead of an encoder library: the board writes only these fixed shapes, the backlog
/// drain is bound by encoding, and Embedded Swift has no `Codable`.
///
/// Numbers round-trip: a `Double` is written as Swift's shortest representation that reads back as the same
/// value (without a trailing ".0", as JSON readers and the earlier encoder had it). JSON has no NaN or infinity,
/// so callers never pass one (`isWritable`); the writer would otherwise write `null` rather than invalid JSON.
///
/// Bytes go into one growing allocation the writer owns (it is not copyable, so nothing else can), not into an
/// `Array` appended to piece by piece: a pack of 50 readings is some 200 small writes, each of which cost an
/// array uniqueness and capacity check (about a fifth of the encoding time).
public struct JSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    public init(reservingCapacity capacity: Int = 256) {
        self.capacity = max(64, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The text written so far.
    public var bytes: [UInt8] { [UInt8](UnsafeBufferPointer(start: start, count: count)) }

    private mutating func grow(_ needed: Int) {
        let larger = max(capacity * 2, count + needed)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = larger
    }

    private mutating func put(_ byte: UInt8) {
        if count == capacity { grow(1) }
        start[count] = byte
        count += 1
    }

    private mutating func put(_ run: UnsafeBufferPointer<UInt8>) {
        guard let base = run.baseAddress, run.count > 0 else { return }
        if count + run.count > capacity { grow(run.count) }
        (start + count).update(from: base, count: run.count)
        count += run.count
    }

    private mutating func put(_ run: UnsafeRawBufferPointer) {
        put(run.assumingMemoryBound(to: UInt8.self))
    }

    /// JSON can carry the value as a number.
    public static func isWritable(_ value: Double) -> Bool { value.isFinite }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        put(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        put(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        put(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        put(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Starts an object member; the value written next belongs to it. `key` must need no escaping.
    public mutating func key(_ key: StaticString) {
        separate()
        put(UInt8(ascii: "\""))
        key.withUTF8Buffer { put( $0) }
        put(UInt8(ascii: "\""))
        put(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Starts an object member whose name comes from data (a sensor id in `failedSensors`).
    public mutating func key(_ key: String) {
        string(key)
        put(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    public mutating func string(_ value: String) {
        separate()
        put(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { utf8 in
            var plain = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if plain < i { put(UnsafeBufferPointer(rebasing: utf8[plain..<i])) }
                escape(byte)
                plain = i + 1
            }
            if plain < utf8.count { put(UnsafeBufferPointer(rebasing: utf8[plain...])) }
        }
        put(UInt8(ascii: "\""))
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
        if value < 0 { put(UInt8(ascii: "-")) }
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
            put(UInt8(ascii: "."))
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                put(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
                divisor /= 10
            }
        }
        needsComma = true
    }

    // MARK: Pieces

    private mutating func separate() {
        if needsComma { put(UInt8(ascii: ",")) }
    }

    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { put( $0) }
    }

    private mutating func escape(_ byte: UInt8) {
        put(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): put(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): put(UInt8(ascii: "\\"))
        case 0x0A: put(UInt8(ascii: "n"))
        case 0x0D: put(UInt8(ascii: "r"))
        case 0x09: put(UInt8(ascii: "t"))
        case 0x08: put(UInt8(ascii: "b"))
        case 0x0C: put(UInt8(ascii: "f"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            appendASCII("u00")
            put(hex[Int(byte >> 4)])
            put(hex[Int(byte & 0x0F)])
        }
    }

    private mutating func appendDigits(_ value: UInt64) {
        guard value >= 10 else {
            put(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: UInt64.max has 20 digits
        var v = value
        var digits = 0
        withUnsafeMutableBytes(of: &scratch) { raw in
            while v > 0 {
                raw[23 - digits] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                digits += 1
            }
            put(UnsafeRawBufferPointer(rebasing: raw[(24 - digits)...]))
        }
    }

    private mutating func appendDouble(_ value: Double) {
        guard value.isFinite else {
            appendASCII("null")
            return
        }
        // Whole numbers below 2^53 print exactly as integers ("10", not "10.0").
        if value == value.rounded(.towardZero), value.magnitude < 9_007_199_254_740_992 {
            if value < 0 || (value == 0 && value.sign == .minus) { put(UInt8(ascii: "-")) }
            appendDigits(UInt64(value.magnitude))
            return
        }
        var text = value.description
        text.withUTF8 { put( $0) }
    }
}

extension UInt {
    fileprivate var toUInt64: UInt64 { UInt64(self) }
}
