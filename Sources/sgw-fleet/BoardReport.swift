import Foundation

/// What happened on one board: the versions before and after, the result, how long it took and why it failed.
struct BoardReport: Sendable, Codable, Equatable {
    enum Result: String, Sendable, Codable {
        case updated
        /// Already ran the bundle's version: nothing done (re-running a rollout is idempotent).
        case unchanged
        /// Installed, failed its health gate, switched back by the board.
        case rolledBack = "rolled-back"
        /// The board refused the bundle (signature, digest, architecture, downgrade).
        case refused
        /// The SSH host key did not match known_hosts (or is unknown): nothing was sent.
        case hostKeyRejected = "host-key-rejected"
        case unreachable
        case failed
        /// An earlier wave exceeded the failure threshold.
        case notAttempted = "not-attempted"

        var isFailure: Bool { ![.updated, .unchanged, .notAttempted].contains(self) }
    }

    var board: String
    var destination: String
    var wave: Int
    var versionBefore: String?
    var versionAfter: String?
    var result: Result
    var seconds: Double
    var reason: String?
}
