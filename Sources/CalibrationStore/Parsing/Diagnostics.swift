import Yams

/// Collects problems for one file instead of stopping at the first, so a technician sees them all at once.
final class Diagnostics {
    let file: String
    private(set) var errors: [CalibrationError] = []

    init(file: String) { self.file = file }

    func report(_ problem: CalibrationProblem, at node: Node?, path: String) {
        errors.append(CalibrationError(file: file, line: node?.mark?.line, column: node?.mark?.column,
                                       keyPath: path, problem: problem))
    }

    /// `file:line` for quoting one place in a message about another.
    func place(of node: Node) -> String {
        guard let mark = node.mark else { return file }
        return "\(file):\(mark.line)"
    }
}
