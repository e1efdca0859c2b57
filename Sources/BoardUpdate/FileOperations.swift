import CSystem

/// The few file system calls an update is made of, each durable where the update relies on it: a file is
/// synced before it is renamed into place, and the folder after, so a power cut keeps either name whole.
public enum FileOperations {
    public static func errnoText() -> String {
        let code = sgw_errno()
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text) + " (errno \(code))"
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (Int32(bitPattern: info.st_mode) & S_IFMT) == S_IFDIR
    }

    public static func makeDirectories(_ path: String) throws(UpdateError) {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0, sgw_errno() != EEXIST {
                throw UpdateError.system("creating folder", at: prefix)
            }
        }
    }

    public static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        buffer[n] = 0
        return String(cString: buffer)
    }

    /// The whole file, or nil when it cannot be opened; at most `limit` bytes.
    public static func read(_ path: String, limit: Int = 64 << 20) -> [UInt8]? {
        let fd = sgw_open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count < limit {
            let n = chunk.withUnsafeMutableBytes { LibC.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if sgw_errno() == EINTR { continue }; return nil }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    public static func readText(_ path: String, limit: Int = 1 << 20) -> String? {
        read(path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    public static func syncDirectory(_ path: String) {
        let fd = sgw_open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    public static func syncFile(_ path: String) {
        let fd = sgw_open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Temp file beside `path`, written and synced, renamed over `path`, folder synced.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(UpdateError) {
        let temporary = path + ".tmp"
        let fd = sgw_open_mode(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw UpdateError.system("creating", at: temporary) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 { if sgw_errno() == EINTR { continue }; close(fd); throw UpdateError.system("writing", at: temporary) }
            written += n
        }
        guard fsync(fd) == 0 else { close(fd); throw UpdateError.system("syncing", at: temporary) }
        close(fd)
        guard rename(temporary, path) == 0 else { throw UpdateError.system("renaming into place", at: path) }
        syncDirectory(folder(of: path))
    }

    public static func writeAtomically(_ path: String, text: String) throws(UpdateError) {
        try writeAtomically(path, Array(text.utf8))
    }

    /// Removes a folder of plain files (a slot or a staging folder; neither holds subfolders).
    public static func removeFlatFolder(_ path: String) {
        for name in list(path) { unlink(path + "/" + name) }
        rmdir(path)
    }

    /// Names in a folder (no `.` and `..`).
    public static func list(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public static func nowMilliseconds() -> Int64 { sgw_clock_milliseconds(CLOCK_REALTIME) }

    public static func sleep(milliseconds: Int) {
        _ = usleep(UInt32(milliseconds * 1000))
    }
}

/// libc's read(2), named apart from `FileOperations.read`.
enum LibC {
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        CSystem.read(fd, buffer, count)
    }
}
