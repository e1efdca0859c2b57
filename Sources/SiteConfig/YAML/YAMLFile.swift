import YAMLReader

/// A configuration file read from disk and parsed into YAML nodes, keeping its bytes for the config hash.
struct YAMLFile {
    /// Far above any real site or board file (a few kB), far below what would strain a board's memory.
    static let largestBytes = 4 << 20

    let path: String
    let bytes: [UInt8]
    let root: YAMLNode

    /// The parsed file, or the single error that stops anything else being checked in it. No message quotes
    /// the file's content: a wrong path (`board-file: /etc/shadow`) must not print what it points at.
    static func read(_ path: String) -> Result<YAMLFile, SiteConfigError> {
        func failure(_ message: String, _ mark: YAMLMark? = nil) -> Result<YAMLFile, SiteConfigError> {
            .failure(SiteConfigError(file: path, line: mark?.line, column: mark?.column, keyPath: "", message: message))
        }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limitBytes: largestBytes)
        } catch {
            switch error {
            case .notFound: return failure("file not found")
            case .isFolder: return failure("file cannot be read (check its permissions)")
            case .cannotRead(let reason): return failure("file cannot be read: \(reason) (check its permissions)")
            case .tooLarge(let size, let limit):
                return failure("file is \(size) bytes, more than a site or board file can be (\(limit / (1 << 20)) MiB); "
                               + "is this the right file?")
            }
        }
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(bytes)
        } catch {
            let (message, mark) = describe(error)
            return failure(message, mark)
        }
        guard let root, !root.isNothing else { return failure("file is empty") }
        return .success(YAMLFile(path: path, bytes: bytes, root: root))
    }

    /// libyaml's problem and the line it was working on; never the text itself.
    private static func describe(_ error: YAMLReadError) -> (String, YAMLMark?) {
        switch error {
        case let .syntax(problem, mark, context, contextMark):
            let while_ = context.map { " (\($0) at line \(contextMark?.line ?? 0))" } ?? ""
            return ("not valid YAML: \(problem)\(while_)", mark)
        case let .duplicateKeys(keys, mark):
            let names = keys.map { quotedForMessage($0) }.joined(separator: ", ")
            return ("key \(names) appears twice in the same block; keep one", mark)
        case let .undefinedAlias(name, mark):
            return ("not valid YAML: found undefined alias \(quotedForMessage(name))", mark)
        case let .severalDocuments(mark):
            return ("not valid YAML: a second document starts here; a site or board file holds one", mark)
        case .notUTF8:
            return ("file is not UTF-8 text (save it as UTF-8)", nil)
        case let .notText(problem, offset):
            return ("file is not a text file (\(problem), at byte \(offset)); is this the right file?", nil)
        case let .tooComplex(what, mark):
            return ("not valid YAML: \(what)", mark)
        }
    }
}
