import Glibc

/// A batch's values as PostgreSQL reads them, written straight into one reusable C buffer without a String per
/// value (a String per value, then one per column and its C copy, cost more client CPU than the rest of the
/// PostgreSQL intake): an array literal (`{"a",NULL,3}`) of one column, passed as a parameter, or the rows of
/// `COPY … FROM STDIN` in its text format (tab between fields, `\N` for NULL, a line a row). Start it, append
/// values (and `endRow` after each row of a COPY), finish it; it is reused for the next batch.
final class PostgresBatchText {
    enum Format { case array, copy }
    let format: Format
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var length = 0
    private var empty = true

    init(_ format: Format = .array, capacity: Int = 4096) {
        self.format = format
        self.capacity = capacity
        pointer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(pointer) }

    /// The finished literal, for `PostgresConnection.execute(_:arrays:prepareAs:)`.
    var parameter: UnsafePointer<CChar> { UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self) }

    func start() {
        length = 0
        empty = true
        if format == .array { byte(UInt8(ascii: "{")) }
    }

    func finish() {
        guard format == .array else { return }
        byte(UInt8(ascii: "}"))
        byte(0)
    }

    /// COPY: ends a row.
    func endRow() {
        byte(UInt8(ascii: "\n"))
        empty = true
    }

    /// Array: a quoted element, `"` and `\` escaped. COPY: the field, `\`, tab, newline and return escaped. nil is NULL.
    func text(_ value: String?) {
        separate()
        guard var value else { return null() }
        value.withUTF8 { utf8 in
            reserve(utf8.count * 2 + 2)
            if format == .array { pointer[length] = UInt8(ascii: "\""); length += 1 }
            for b in utf8 {
                switch (format, b) {
                case (.array, UInt8(ascii: "\"")), (_, UInt8(ascii: "\\")):
                    pointer[length] = UInt8(ascii: "\\"); pointer[length + 1] = b; length += 2
                case (.copy, UInt8(ascii: "\t")): pointer[length] = UInt8(ascii: "\\"); pointer[length + 1] = UInt8(ascii: "t"); length += 2
                case (.copy, UInt8(ascii: "\n")): pointer[length] = UInt8(ascii: "\\"); pointer[length + 1] = UInt8(ascii: "n"); length += 2
                case (.copy, UInt8(ascii: "\r")): pointer[length] = UInt8(ascii: "\\"); pointer[length + 1] = UInt8(ascii: "r"); length += 2
                default: pointer[length] = b; length += 1
                }
            }
            if format == .array { pointer[length] = UInt8(ascii: "\""); length += 1 }
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
        for b in (format == .array ? "NULL" : "\\N").utf8 { pointer[length] = b; length += 1 }
    }

    private func separate() {
        if empty { empty = false } else { byte(format == .array ? UInt8(ascii: ",") : UInt8(ascii: "\t")) }
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
