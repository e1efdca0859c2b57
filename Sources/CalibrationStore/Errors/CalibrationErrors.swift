/// Every problem found in a calibration directory, so one edit-and-retry round fixes them all.
public struct CalibrationErrors: Error, Sendable, CustomStringConvertible {
    /// Ordered by file, then line and column.
    public let errors: [CalibrationError]

    /// At most this many problems are listed; the rest are counted in one last entry.
    public static let mostListed = 50

    public init(_ errors: [CalibrationError]) {
        self.init(errors, notKept: 0)
    }

    /// `notKept` counts problems found but not kept while checking.
    init(_ errors: [CalibrationError], notKept: Int) {
        let sorted = errors.sorted(by: CalibrationError.inReadingOrder)
        let unlisted = max(0, sorted.count - Self.mostListed) + notKept
        guard unlisted > 0, let last = sorted.last else {
            self.errors = sorted
            return
        }
        self.errors = Array(sorted.prefix(Self.mostListed)) + [CalibrationError(
            file: last.file, line: nil, column: nil, keyPath: "", problem: .moreNotListed(count: unlisted))]
    }

    public var description: String { errors.map { $0.description }.joined(separator: "\n") }
}
