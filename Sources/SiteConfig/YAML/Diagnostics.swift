import YAMLReader

/// Collects the problems of one file instead of stopping at the first, so a technician sees them all at once.
/// Only the first `keptErrors` are kept: a file of 200,000 unknown keys must not need 35 MB to say so.
final class Diagnostics {
    static let keptErrors = 1000

    let file: String
    private(set) var errors: [SiteConfigError] = []
    /// Every problem reported, kept or not; compare counts before and after a check to see if it failed.
    private(set) var count = 0

    init(file: String) { self.file = file }

    var isEmpty: Bool { count == 0 }

    /// Problems found beyond the ones kept.
    var notKept: Int { count - errors.count }

    func report(_ message: String, at mark: YAMLMark?, path: KeyPath) {
        count += 1
        guard errors.count < Self.keptErrors else { return }
        errors.append(SiteConfigError(file: file, line: mark?.line, column: mark?.column,
                                      keyPath: path.description, message: message))
    }
}
