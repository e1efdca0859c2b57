/// A journal failure, naming the file so a technician knows which card or folder to look at.
public struct JournalError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var operation: String
    public var reason: String
    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }
    public var description: String { "journal \(path): \(operation) failed: \(reason)" }
}
