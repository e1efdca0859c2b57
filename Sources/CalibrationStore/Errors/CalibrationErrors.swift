/// Every problem found in a calibration directory, so one edit-and-retry round fixes them all.
public struct CalibrationErrors: Error, Sendable, CustomStringConvertible {
    /// Ordered by file, then line and column.
    public let errors: [CalibrationError]

    public init(_ errors: [CalibrationError]) {
        self.errors = errors.sorted(by: CalibrationError.inReadingOrder)
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
