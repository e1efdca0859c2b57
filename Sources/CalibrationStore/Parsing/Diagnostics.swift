import YAMLReader

/// Collects problems for one file instead of stopping at the first, so a technician sees them all at once.
/// Only the first `keptErrors` are kept; the rest are counted.
final class Diagnostics {
    static let keptErrors = 1000

    let file: String
    private(set) var errors: [CalibrationError] = []
    private(set) var notKept = 0

    init(file: String) { self.file = file }

    func report(_ problem: CalibrationProblem, at node: YAMLNode?, path: String) {
        guard errors.count < Self.keptErrors else {
            notKept += 1
            return
        }
        errors.append(CalibrationError(file: file, line: node?.mark.line, column: node?.mark.column,
                                       keyPath: path, problem: problem))
    }

    /// `file:line` for quoting one place in a message about another.
    func place(of node: YAMLNode) -> String { "\(file):\(node.mark.line)" }
}
