/// A SenML pack a reader could not turn into readings, naming the topic it came on.
public struct SenMLError: Error, CustomStringConvertible, Sendable {
    public var topic: String
    public var reason: String
    public init(topic: String, reason: String) {
        self.topic = topic
        self.reason = reason
    }
    public var description: String { "SenML pack on \(topic): \(reason)" }
}
