import ArgumentParser
import Foundation

/// `sgw-fleet rollout`: waves of boards, each wave in parallel up to `--parallel`, halting when a wave's
/// failure share exceeds `--max-failure-share`.
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
        let version = try RolloutCommand.bundleVersion(bundle)
        let control = FileManager.default.temporaryDirectory.appendingPathComponent("sgw-fleet-\(getpid())").path
        try FileManager.default.createDirectory(atPath: control, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: control) }
        let rollout = BoardRollout(shell: SecureShell(configFile: sshConfig, controlDirectory: control, connectTimeoutSeconds: connectTimeout),
                                   bundle: bundle, bundleVersion: version, healthSeconds: healthSeconds, allowDowngrade: allowDowngrade)
        let waves = WavePlan.waves(boards, canary: canary, fraction: waveFraction)
        progress("rolling out \(version) to \(boards.count) boards in \(waves.count) waves (parallel \(parallel), halt above \(Int(maxFailureShare * 100)) % failed)")
        var reports: [BoardReport] = []
        var halted: String?
        for (index, wave) in waves.enumerated() {
            let number = index + 1
            if let halted {
                reports += wave.map { BoardReport(board: $0.name, destination: $0.destination, wave: number, versionBefore: nil,
                                                  versionAfter: nil, result: .notAttempted, seconds: 0, reason: halted) }
                continue
            }
            progress("wave \(number)/\(waves.count): \(wave.map(\.name).joined(separator: ", "))")
            let results = runWave(wave, number: number, rollout: rollout)
            reports += results
            let failures = results.filter { $0.result.isFailure }.count
            if Double(failures) / Double(results.count) > maxFailureShare {
                halted = "rollout halted after wave \(number): \(failures) of \(results.count) boards failed"
                progress(halted!)
            }
        }
        print(RolloutCommand.table(reports))
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(reports).write(to: URL(fileURLWithPath: report))
        }
        if reports.contains(where: { $0.result != .updated && $0.result != .unchanged }) { throw ExitCode(1) }
    }

    private func runWave(_ wave: [InventoryBoard], number: Int, rollout: BoardRollout) -> [BoardReport] {
        let results = ReportCollector(count: wave.count)
        let slots = DispatchSemaphore(value: parallel)
        let group = DispatchGroup()
        for (position, board) in wave.enumerated() {
            slots.wait()
            group.enter()
            progress("  \(board.name): starting")
            Thread.detachNewThread {
                let report = rollout.run(board, wave: number)
                results.set(position, report)
                progress("  \(board.name): \(report.result.rawValue) \(report.versionBefore ?? "?") → \(report.versionAfter ?? "?") in \(report.seconds) s"
                         + (report.reason.map { ": \($0)" } ?? ""))
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return results.all
    }

    /// The manifest's version, read from the bundle without unpacking it to disk.
    static func bundleVersion(_ bundle: String) throws -> String {
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-xOf", bundle, "manifest.json"]
        let pipe = Pipe()
        tar.standardOutput = pipe
        try tar.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0,
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let version = manifest["version"] as? String else {
            throw ValidationError("\(bundle) is not an update bundle (no readable manifest.json)")
        }
        return version
    }

    static func table(_ reports: [BoardReport]) -> String {
        var lines = ["BOARD\tWAVE\tBEFORE\tAFTER\tRESULT\tSECONDS\tREASON"]
        for r in reports {
            lines.append([r.board, String(r.wave), r.versionBefore ?? "-", r.versionAfter ?? "-", r.result.rawValue,
                          String(r.seconds), r.reason ?? ""].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }
}

/// Progress on stderr while the rollout runs (the report goes to stdout at the end).
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Reports of a wave's boards, filled in from their threads.
final class ReportCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [BoardReport?]
    init(count: Int) { reports = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ report: BoardReport) { lock.lock(); reports[index] = report; lock.unlock() }
    var all: [BoardReport] { lock.lock(); defer { lock.unlock() }; return reports.compactMap { $0 } }
}
