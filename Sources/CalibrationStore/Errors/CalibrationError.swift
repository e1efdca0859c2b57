import GatewayCore

/// One problem in a calibration file, located so a technician can open the file at the right line.
public struct CalibrationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the gateway was given it, so messages match the path that was typed.
    public var file: String
    /// 1-based; nil when the problem is the file as a whole (unreadable, not YAML).
    public var line: Int?
    public var column: Int?
    /// Where in the file, e.g. `[1].points[2].raw` (record 1 counting from 0); empty for the whole file.
    public var keyPath: String
    public var problem: CalibrationProblem

    public init(file: String, line: Int?, column: Int?, keyPath: String, problem: CalibrationProblem) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.problem = problem
    }

    public var description: String {
        SourceLocation(file: file, line: line, column: column, keyPath: keyPath).describe(problem.description)
    }

    /// Reading order: by file, then by position.
    static func inReadingOrder(_ a: CalibrationError, _ b: CalibrationError) -> Bool {
        (a.file, a.line ?? 0, a.column ?? 0, a.keyPath) < (b.file, b.line ?? 0, b.column ?? 0, b.keyPath)
    }
}
