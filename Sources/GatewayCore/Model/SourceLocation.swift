/// Where in a technician's file a problem is: the file as it was typed, 1-based line and column when known,
/// and the key path inside the document (e.g. `channels[2].address`).
public struct SourceLocation: Hashable, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var keyPath: String

    public init(file: String, line: Int?, column: Int?, keyPath: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
    }

    /// `Board/sites/well.yaml:14:5: channels[1].driver: <message>`: the compiler-style form editors and
    /// terminals turn into a jump to the line.
    public func describe(_ message: String) -> String { place + ": " + message }

    /// `Board/sites/well.yaml:14:5: channels[1].driver` (the file alone when the problem is the whole file).
    public var place: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if !keyPath.isEmpty { text += ": " + keyPath }
        return text
    }
}
