import Foundation

/// The steps on one board: ask its version, send the bundle if it runs another, install (the board verifies,
/// switches and gates on health), ask its version again.
public struct BoardRollout: Sendable {
    public var shell: SecureShell
    public var bundle: String
    public var bundleVersion: String
    public var healthSeconds: Int
    public var allowDowngrade: Bool

    public init(shell: SecureShell, bundle: String, bundleVersion: String, healthSeconds: Int, allowDowngrade: Bool) {
        self.shell = shell
        self.bundle = bundle
        self.bundleVersion = bundleVersion
        self.healthSeconds = healthSeconds
        self.allowDowngrade = allowDowngrade
    }

    public func run(_ board: InventoryBoard, wave: Int) -> BoardReport {
        let start = Date()
        var report = BoardReport(board: board.name, destination: board.destination, wave: wave, versionBefore: nil,
                                 versionAfter: nil, result: .failed, seconds: 0, reason: nil)
        defer { shell.closeMaster(board.destination) }
        func finish(_ result: BoardReport.Result, _ reason: String?) -> BoardReport {
            report.result = result
            report.reason = reason
            report.seconds = (Date().timeIntervalSince(start) * 10).rounded() / 10
            return report
        }
        let before = shell.run(board.destination, [board.command, "status", "--root", board.root])
        guard before.status == 0 else { return classifyConnectionFailure(before, finish) }
        report.versionBefore = BoardRollout.version(fromStatus: before.output)
        if report.versionBefore == bundleVersion {
            report.versionAfter = bundleVersion
            return finish(.unchanged, nil)
        }
        let remoteBundle = (board.root == "/" ? "" : board.root) + "/var/lib/sgw-update/incoming.bundle"
        let copy = shell.copy(bundle, to: board.destination, path: remoteBundle)
        guard copy.status == 0 else { return finish(.failed, "upload failed: " + BoardRollout.lastLine(copy.errorOutput)) }
        var install = [board.command, "install", "--bundle", remoteBundle, "--root", board.root,
                       "--health-seconds", String(healthSeconds)]
        // With a status topic alone the board checks it on its gateway's own broker, logging in as the gateway does.
        if let topic = board.statusTopic {
            install += ["--status-topic", topic]
            if let broker = board.broker { install += ["--broker", broker] }
        }
        if allowDowngrade { install.append("--allow-downgrade") }
        let installed = shell.run(board.destination, install)
        let after = shell.run(board.destination, [board.command, "status", "--root", board.root])
        if after.status == 0 { report.versionAfter = BoardRollout.version(fromStatus: after.output) }
        let said = BoardRollout.lastLine(installed.output.isEmpty ? installed.errorOutput : installed.output)
        switch installed.status {
        case 0: return finish(report.versionAfter == bundleVersion ? .updated : .failed,
                              report.versionAfter == bundleVersion ? nil : "installed, but the board reports \(report.versionAfter ?? "nothing")")
        case 3: return finish(.rolledBack, said)
        case 1 where said.hasPrefix("update refused"): return finish(.refused, said)
        case 255: return classifyConnectionFailure(installed, finish)
        default: return finish(.failed, "install exited \(installed.status): \(said)")
        }
    }

    private func classifyConnectionFailure(_ result: SecureShell.Result,
                                           _ finish: (BoardReport.Result, String?) -> BoardReport) -> BoardReport {
        let text = result.errorOutput
        if text.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || text.contains("Host key verification failed")
            || text.contains("No ED25519 host key is known") || text.contains("host key for") {
            return finish(.hostKeyRejected, "the board's SSH host key does not match known_hosts: nothing sent (check the board, then update known_hosts)")
        }
        if result.status == 255 {
            let line = BoardRollout.lastLine(text)
            return finish(.unreachable, line.hasPrefix("ssh:") ? line : "ssh: " + line)
        }
        return finish(.failed, "status exited \(result.status): " + BoardRollout.lastLine(text.isEmpty ? result.output : text))
    }

    static func lastLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? "(no message)"
    }

    /// The `version` of `sgw-update status`'s JSON line.
    public static func version(fromStatus output: String) -> String? {
        for line in output.split(separator: "\n") {
            if let data = line.data(using: .utf8),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let version = object["version"] as? String {
                return version
            }
        }
        return nil
    }
}
