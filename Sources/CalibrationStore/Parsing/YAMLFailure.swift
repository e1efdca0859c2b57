import Yams

/// Turns a Yams parse failure into one located, readable problem instead of libyaml's multi-line dump.
enum YAMLFailure {
    static func error(_ error: any Error, file: String) -> CalibrationError {
        func located(_ mark: Mark?, _ reason: String) -> CalibrationError {
            CalibrationError(file: file, line: mark?.line, column: mark?.column, keyPath: "",
                             problem: .malformedYAML(reason: reason))
        }
        guard let yaml = error as? YamlError else { return located(nil, "\(error)") }
        switch yaml {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return located(mark, [context?.text, problem].compactMap { $0 }.joined(separator: ": "))
        case let .duplicatedKeysInMapping(duplicates, context):
            return located(context.mark, "key \(duplicates.joined(separator: ", ")) appears twice in one record")
        case let .reader(problem, _, _, _):
            return located(nil, problem)
        default:
            return located(nil, "\(yaml)")
        }
    }
}
