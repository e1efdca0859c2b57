import CSystem
import YAMLReader

/// The names in one folder, read with `opendir`/`readdir` (no Foundation on the board).
enum FolderListing {
    struct Failure: Error {
        /// The system's reason, from `strerror`.
        let reason: String
    }

    /// Every name in `folder` except `.` and `..`, in no particular order.
    static func names(in folder: String) -> Result<[String], Failure> {
        guard let stream = opendir(folder) else { return .failure(Failure(reason: SystemError.text(sgw_errno()))) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
    }
}
