import Foundation

/// What happened on one board: the versions before and after, the result, how long it took and why it failed.
public struct BoardReport: Sendable, Codable, Equatable {
    public enum Result: String, Sendable, Codable {
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

        public var isFailure: Bool { ![.updated, .unchanged, .notAttempted].contains(self) }
    }

    public var board: String
    public var destination: String
    public var wave: Int
    public var versionBefore: String?
    public var versionAfter: String?
    public var result: Result
    public var seconds: Double
    public var reason: String?

    public init(board: String, destination: String, wave: Int, versionBefore: String?, versionAfter: String?,
                result: Result, seconds: Double, reason: String?) {
        self.board = board
        self.destination = destination
        self.wave = wave
        self.versionBefore = versionBefore
        self.versionAfter = versionAfter
        self.result = result
        self.seconds = seconds
        self.reason = reason
    }
}
