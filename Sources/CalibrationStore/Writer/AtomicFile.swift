import CSystem
import YAMLReader

/// Replaces a file's content so that after a power cut the file holds either the old bytes or the new ones,
/// never a torn mix: the new content goes to a temporary file beside it, is flushed to the storage, and is
/// renamed over the old one; then the folder is flushed so the rename itself survives. A calibration is
/// written once in months, and the power cut often follows the technician's visit.
enum AtomicFile {
    struct Failure: Error {
        /// What failed and the system's reason, e.g. "cannot create x.tmp: Permission denied".
        let reason: String
    }

    static func replace(_ path: String, with bytes: [UInt8]) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        // "x": fail rather than write through a file (or link) someone left at that name.
        guard let file = fopen(temporary, "wxe") else { throw failure("cannot create \(temporary)") }
        // The replacement keeps the permissions the old file had (a site may keep its records group-only).
        var old = stat()
        if stat(path, &old) == 0 { _ = fchmod(fileno(file), old.st_mode & 0o7777) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
        let closed = fclose(file) == 0
        guard written == bytes.count, flushed, closed else {
            let error = failure("cannot write \(temporary)")
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
        if let folder = opendir(PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)) {
            _ = fsync(dirfd(folder))
            closedir(folder)
        }
    }

    private static func failure(_ what: String) -> Failure {
        Failure(reason: what + ": " + SystemError.text(sgw_errno()))
    }
}
