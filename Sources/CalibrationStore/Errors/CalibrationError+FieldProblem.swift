import FieldText
import GatewayCore

extension CalibrationError {
    /// The mistake as a technician's problem: the file, line and key; what is wrong there; fix it and check.
    public var fieldProblem: FieldProblem {
        FieldProblem(what: SourceLocation(file: file, line: line, column: column, keyPath: keyPath).place,
                     happened: .asGiven, [problem.description], cause: .calibrationFileCause,
                     action: .calibrationFileAction)
    }
}

extension CalibrationErrors {
    /// Every problem, each in the technician's shape, one after the other.
    public func text(in language: FieldLanguage = FieldLanguage.current) -> String {
        errors.map { $0.fieldProblem.text(in: language) }.joined(separator: "\n")
    }
}
