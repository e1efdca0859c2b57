import Foundation
import Yams

/// A configuration file read from disk and parsed into YAML nodes, keeping its bytes for the config hash.
struct YAMLFile {
    let path: String
    let bytes: [UInt8]
    let root: Node

    /// The parsed file, or the single error that stops anything else being checked in it.
    static func read(_ path: String) -> Result<YAMLFile, SiteConfigError> {
        func failure(_ message: String, _ mark: Mark? = nil) -> Result<YAMLFile, SiteConfigError> {
            .failure(SiteConfigError(file: path, line: mark?.line, column: mark?.column, keyPath: "", message: message))
        }
        guard FileManager.default.fileExists(atPath: path) else { return failure("file not found") }
        guard let data = FileManager.default.contents(atPath: path) else {
            return failure("file cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return failure("file is not UTF-8 text (save it as UTF-8)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (message, mark) = describe(error)
            return failure(message, mark)
        } catch {
            return failure("not valid YAML: \(error)")
        }
        guard let root, !root.isNothing else { return failure("file is empty") }
        return .success(YAMLFile(path: path, bytes: Array(data), root: root))
    }

    /// Yams' own descriptions include the whole document; a technician needs the problem and the line.
    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let while_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return ("not valid YAML: \(problem)\(while_)", mark)
        case let .reader(problem, _, _, _):
            return ("not valid YAML: \(problem)", nil)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return ("key \(keys) appears twice in the same block; keep one", context.mark)
        default:
            return ("not valid YAML: \(error)", nil)
        }
    }
}
