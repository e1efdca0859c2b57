import Platform

/// Which sensors are failing and why, shared between the sampling loop (writer) and the publisher's status
/// message (reader).
final class FailedSensors: Sendable {
    private let state = Locked<[String: String]>([:])
    func replace(with failures: [String: String]) { state.withLock { $0 = failures } }
    var current: [String: String] { state.withLock { $0 } }
}
