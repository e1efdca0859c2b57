import CSystem

/// The modification time of every record file in a calibration folder (`.yaml` and `.yml`, the names the store
/// loads), so a change (a technician's new record, an edit, a removal) is noticed without re-reading the records.
struct RecordFolderFingerprint: Equatable {
    private var modified: [String: Int64] = [:]

    init() {}

    /// An unreadable folder has no records to fingerprint: empty, so its return is noticed as a change.
    init(directory: String) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
            var info = stat()
            guard stat(directory + "/" + name, &info) == 0 else { modified[name] = -1; continue }
            modified[name] = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        }
    }
}
