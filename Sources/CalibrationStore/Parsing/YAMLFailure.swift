import YAMLReader

/// Turns a parse failure into one located, readable problem; never quotes the file's content.
enum YAMLFailure {
    static func error(_ error: YAMLReadError, file: String) -> CalibrationError {
        func located(_ mark: YAMLMark?, _ problem: CalibrationProblem) -> CalibrationError {
            CalibrationError(file: file, line: mark?.line, column: mark?.column, keyPath: "", problem: problem)
        }
        switch error {
        case let .syntax(problem, mark, context, _):
            return located(mark, .malformedYAML(reason: (context.map { $0 + ": " } ?? "") + problem))
        case let .duplicateKeys(keys, mark):
            return located(mark, .malformedYAML(reason: "key \(keys.joined(separator: ", ")) appears twice in one record"))
        case let .undefinedAlias(name, mark):
            return located(mark, .malformedYAML(reason: "found undefined alias \(quotedForMessage(name))"))
        case let .severalDocuments(mark):
            return located(mark, .malformedYAML(reason: "a second document starts here; a calibration file holds one"))
        case let .notUTF8(offset):
            return located(nil, .unreadableFile(reason: "not UTF-8 text (first bad byte at \(offset)); save it as UTF-8"))
        case let .notText(problem, offset):
            return located(nil, .unreadableFile(reason: "not a text file (\(problem), at byte \(offset)); "
                                                + "is this the right file?"))
        case let .tooComplex(what, mark):
            return located(mark, .malformedYAML(reason: what))
        }
    }
}
