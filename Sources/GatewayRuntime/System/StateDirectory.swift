import CSystem

/// The daemon's own files on the board: its state directory, created with its parents, and small text files
/// read whole (the kernel's boot id).
enum StateDirectory {
    /// Creates `path` and any missing parents (as `mkdir -p`); nil when it exists afterwards, else why not.
    static func create(_ path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0 {
                let code = sgw_errno()
                if code != EEXIST { return errnoText(code) + " creating " + prefix }
            }
            prefix += "/"
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return errnoText(sgw_errno()) }
        return (info.st_mode & UInt32(S_IFMT)) == UInt32(S_IFDIR) ? nil : "exists and is not a directory"
    }

    /// The first line of a small text file, without its line break; nil if it cannot be read.
    static func firstLine(of path: String, limit: Int = 256) -> String? {
        let fd = sgw_open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: limit)
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let line = bytes.prefix(count).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).first ?? []
        let text = String(decoding: line, as: UTF8.self)
        return text.isEmpty ? nil : text
    }

    static func errnoText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text) + " (errno \(code))"
    }
}
