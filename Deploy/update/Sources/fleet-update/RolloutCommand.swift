import ArgumentParser
import Foundation
import MaintainerKit

/// `fleet-update rollout`: waves of boards, each wave in parallel up to `--parallel`, halting when a wave's
/// failure share exceeds `--max-failure-share` (`FleetRollout`).
struct RolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Install a signed bundle on every board of an inventory: a canary, then a fraction, then the rest.",
        discussion: "Boards already running the bundle's version are left alone, so re-running a rollout finishes it. Exit status 0 when every board runs the version, 1 otherwise.")

    @Option(help: "The inventory: NAME DESTINATION [root=…] [command=…] [broker=HOST:PORT] [status-topic=…] per line.")
    var inventory: String
    @Option(help: "The signed bundle (Deploy/update/make-bundle.sh).")
    var bundle: String
    @Option(help: "An ssh_config file instead of ~/.ssh/config.")
    var sshConfig: String?
    @Option(help: "Boards updated at once within a wave.")
    var parallel: Int = 4
    @Option(help: "Boards in the first wave.")
    var canary: Int = 1
    @Option(help: "Share of the fleet in the second wave (0 to 1).")
    var waveFraction: Double = 0.25
    @Option(help: "Halt when more than this share of a wave fails (0 halts on any failure).")
    var maxFailureShare: Double = 0
    @Option(help: "Seconds each board gives the new version to prove itself.")
    var healthSeconds: Int = 60
    @Option(help: "Seconds to wait for an SSH connection.")
    var connectTimeout: Int = 10
    @Option(help: "Write the per-board report as JSON here too.")
    var report: String?
    @Flag(help: "Let boards install a version older than the one they run (each board logs it).")
    var allowDowngrade = false

    func validate() throws {
        guard parallel >= 1, parallel <= 64 else { throw ValidationError("--parallel \(parallel): must be 1 to 64") }
        guard canary >= 0 else { throw ValidationError("--canary \(canary): must be 0 or more") }
        guard (0...1).contains(waveFraction) else { throw ValidationError("--wave-fraction \(waveFraction): must be 0 to 1") }
        guard (0...1).contains(maxFailureShare) else { throw ValidationError("--max-failure-share \(maxFailureShare): must be 0 to 1") }
        guard healthSeconds >= 1 else { throw ValidationError("--health-seconds must be at least 1") }
    }

    func run() throws {
        let boards = try Inventory(contentsOf: inventory).boards
        let version: String
        do { version = try BundleVersion.read(bundle) } catch { throw ValidationError(error.description) }
        let control = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-update-\(getpid())").path
        try FileManager.default.createDirectory(atPath: control, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: control) }
        let rollout = BoardRollout(shell: SecureShell(configFile: sshConfig, controlDirectory: control, connectTimeoutSeconds: connectTimeout),
                                   bundle: bundle, bundleVersion: version, healthSeconds: healthSeconds, allowDowngrade: allowDowngrade)
        let reports = FleetRollout(rollout: rollout, parallel: parallel, canary: canary, waveFraction: waveFraction,
                                   maxFailureShare: maxFailureShare, progress: progress).run(boards)
        print(RolloutTable.text(reports))
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(reports).write(to: URL(fileURLWithPath: report))
        }
        if reports.contains(where: { $0.result != .updated && $0.result != .unchanged }) { throw ExitCode(1) }
    }
}

/// Progress on stderr while the rollout runs (the report goes to stdout at the end).
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
