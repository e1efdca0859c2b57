import CSystem

/// Replaces a small file so that after a power cut it holds either the old contents or the new, whole.
enum DurableFile {
    static func replace(_ path: String, with bytes: [UInt8]) throws(JournalError) {
        let temporary = path + ".new"
        let fd = sgw_open_file(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path, "cannot create \(temporary)", errno: sgw_errno()) }
        var written = 0
        var writeErrno: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if sgw_errno() == EINTR { continue }
                    writeErrno = sgw_errno()
                    return
                }
                written += n
            }
        }
        let synced = fsync(fd)
        let syncErrno = sgw_errno()
        close(fd)
        guard written == bytes.count else { throw failure(path, "cannot write \(temporary)", errno: writeErrno) }
        guard synced == 0 else { throw failure(path, "cannot sync \(temporary)", errno: syncErrno) }
        guard rename(temporary, path) == 0 else {
            throw failure(path, "cannot rename \(temporary) to \(path)", errno: sgw_errno())
        }
        // The rename is durable only once the directory entry is.
        let directory = sgw_open_file(folder(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// The whole file, or nil when it does not exist; any other failure to read it is thrown.
    static func contents(_ path: String) throws(JournalError) -> [UInt8]? {
        let fd = sgw_open_file(path, O_RDONLY | O_CLOEXEC, 0)
        if fd < 0 {
            let code = sgw_errno()
            if code == ENOENT { return nil }
            throw failure(path, "cannot open \(path)", errno: code)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if sgw_errno() == EINTR { continue }
                throw failure(path, "cannot read \(path)", errno: sgw_errno())
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The folder holding `path` ("." for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    private static func failure(_ path: String, _ what: String, errno code: Int32) -> JournalError {
        JournalError(path: path, operation: "write", reason: "\(what): \(String(cString: strerror(code)))")
    }
}
