import Glibc

/// A PostgreSQL array literal (`{"a",NULL,3}`) written straight into one reusable C buffer: the text a batch's
/// column travels as, built without a String per value (a String per value, then one per column and its C copy,
/// cost more client CPU than the rest of the PostgreSQL intake). Start it, append values, finish it, and pass
/// `pointer` as a parameter; it is reused for the next batch.
final class PostgresArrayText {
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var length = 0
    private var empty = true

    init(capacity: Int = 4096) {
        self.capacity = capacity
        pointer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(pointer) }

    /// The finished literal, for `PostgresConnection.execute(_:arrays:prepareAs:)`.
    var parameter: UnsafePointer<CChar> { UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self) }

    func start() {
        length = 0
        empty = true
        byte(UInt8(ascii: "{"))
    }

    func finish() {
        byte(UInt8(ascii: "}"))
        byte(0)
    }

    /// A quoted element, `"` and `\` escaped; nil is NULL.
    func text(_ value: String?) {
        separate()
        guard var value else { return null() }
        value.withUTF8 { utf8 in
            reserve(utf8.count * 2 + 2)
            pointer[length] = UInt8(ascii: "\""); length += 1
            for b in utf8 {
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { pointer[length] = UInt8(ascii: "\\"); length += 1 }
                pointer[length] = b; length += 1
            }
            pointer[length] = UInt8(ascii: "\""); length += 1
        }
    }

    func integer(_ value: Int64) {
        separate()
        reserve(21)
        if value < 0 { pointer[length] = UInt8(ascii: "-"); length += 1 }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            } while magnitude > 0
            while n > 0 { n -= 1; pointer[length] = d[n]; length += 1 }
        }
    }

    /// Swift's shortest text that reads back to the same double (a small string: no allocation); nil is NULL.
    func double(_ value: Double?) {
        separate()
        guard let value else { return null() }
        var text = value.description
        text.withUTF8 { utf8 in
            reserve(utf8.count)
            for b in utf8 { pointer[length] = b; length += 1 }
        }
    }

    private func null() {
        reserve(4)
        for b in "NULL".utf8 { pointer[length] = b; length += 1 }
    }

    private func separate() {
        if empty { empty = false } else { byte(UInt8(ascii: ",")) }
    }

    private func byte(_ b: UInt8) {
        reserve(1)
        pointer[length] = b
        length += 1
    }

    private func reserve(_ n: Int) {
        guard length + n > capacity else { return }
        while length + n > capacity { capacity *= 2 }
        pointer = realloc(pointer, capacity)!.assumingMemoryBound(to: UInt8.self)
    }
}
