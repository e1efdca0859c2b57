/// Why a text could not become a node tree. Each case keeps libyaml's own words and marks, so each config
/// module can phrase the message its technicians already know.
public enum YAMLReadError: Error, Sendable {
    /// libyaml's scanner or parser refused the text: `problem` at `mark`, found while doing `context`
    /// (e.g. "while parsing a flow sequence") which began at `contextMark`.
    case syntax(problem: String, mark: YAMLMark?, context: String?, contextMark: YAMLMark?)
    /// A mapping names the same key more than once; `mark` is the first of them.
    case duplicateKeys([String], mark: YAMLMark)
    /// An alias (`*name`) with no anchor (`&name`) before it.
    case undefinedAlias(String, mark: YAMLMark)
    /// More than one document (`---`) where a file holds one.
    case severalDocuments(mark: YAMLMark)
    /// Text, but not UTF-8 (a file saved as Shift_JIS or Latin-1): the first bad byte is at `offset`.
    case notUTF8(offset: Int)
    /// Not text at all: a NUL byte (binaries have them) or a control character libyaml refuses, at byte
    /// `offset`. The offending bytes are deliberately not kept, so no message can echo a binary or secret file.
    case notText(problem: String, offset: Int)
    /// Nested deeper, or expanding (through aliases) to more nodes, than any configuration file needs.
    case tooComplex(String, mark: YAMLMark?)
}
