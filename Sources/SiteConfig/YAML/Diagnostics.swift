import Yams

/// Collects the problems of one file instead of stopping at the first, so a technician sees them all at once.
final class Diagnostics {
    let file: String
    private(set) var errors: [SiteConfigError] = []

    init(file: String) { self.file = file }

    var isEmpty: Bool { errors.isEmpty }

    func report(_ message: String, at mark: Mark?, path: KeyPath) {
        errors.append(SiteConfigError(file: file, line: mark?.line, column: mark?.column,
                                      keyPath: path.description, message: message))
    }
}
