/// A place in a YAML text, counted as editors count: line 1, column 1 is the first character. libyaml counts
/// from 0 and in Unicode scalars; the composer adds one to both.
public struct YAMLMark: Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
