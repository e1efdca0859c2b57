import CSystem

/// The little file reading broker login needs, on libc.
enum ReadableFile {
    /// Readable by this process (as `access(2)` with R_OK decides, like FileManager's isReadableFile).
    static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

    /// The whole file as UTF-8 text; nil when it cannot be opened or read, or is not UTF-8.
    static func text(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
            if n < buffer.count { break }
        }
        guard ferror(file) == 0 else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Without the line breaks (LF, CR) at either end: a password file written by an editor ends in one.
    static func trimmingLineBreaks(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, isLineBreak(first) { scalars.removeFirst() }
        while let last = scalars.last, isLineBreak(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// What Foundation's `.newlines` set holds: LF, VT, FF, CR, NEL, LINE and PARAGRAPH SEPARATOR.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
