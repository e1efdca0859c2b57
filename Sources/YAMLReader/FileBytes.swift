import CSystem

/// Whole small files, read with `fopen`/`fread` (no Foundation on the board; `open` is variadic in C, which
/// Swift cannot call).
public enum FileBytes {
    public static func read(_ path: String, limitBytes: Int) throws(FileReadError) -> [UInt8] {
        guard let file = fopen(path, "re") else {
            let code = sgw_errno()
            throw code == ENOENT || code == ENOTDIR ? .notFound : .cannotRead(reason: SystemError.text(code))
        }
        defer { fclose(file) }
        var info = stat()
        guard fstat(fileno(file), &info) == 0 else { throw .cannotRead(reason: SystemError.text(sgw_errno())) }
        if info.st_mode & UInt32(S_IFMT) == UInt32(S_IFDIR) { throw .isFolder }
        guard Int(info.st_size) <= limitBytes else { throw .tooLarge(bytes: Int(info.st_size), limitBytes: limitBytes) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 {
                guard ferror(file) == 0 else {
                    let code = sgw_errno()
                    throw code == EISDIR ? .isFolder : .cannotRead(reason: SystemError.text(code))
                }
                break
            }
            bytes.append(contentsOf: chunk[0..<count])
            // A file that grew while being read (or a device such as /dev/zero) stops at the limit.
            guard bytes.count <= limitBytes else { throw .tooLarge(bytes: bytes.count, limitBytes: limitBytes) }
        }
        return bytes
    }

    /// Whether anything (file or folder) exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
