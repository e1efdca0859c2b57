import Foundation

/// A rollout over the whole inventory: waves of boards (`WavePlan`), each wave in parallel up to `parallel`
/// boards, halting when a wave's failure share exceeds `maxFailureShare`; the boards of later waves are then
/// reported `not-attempted`.
public struct FleetRollout: Sendable {
    public var rollout: BoardRollout
    public var parallel: Int
    public var canary: Int
    public var waveFraction: Double
    public var maxFailureShare: Double
    /// Where progress lines go as boards start and finish (stderr in `fleet-update`).
    public var progress: @Sendable (String) -> Void

    public init(rollout: BoardRollout, parallel: Int, canary: Int, waveFraction: Double, maxFailureShare: Double,
                progress: @escaping @Sendable (String) -> Void) {
        self.rollout = rollout
        self.parallel = parallel
        self.canary = canary
        self.waveFraction = waveFraction
        self.maxFailureShare = maxFailureShare
        self.progress = progress
    }

    /// One report per board, in wave order.
    public func run(_ boards: [InventoryBoard]) -> [BoardReport] {
        let waves = WavePlan.waves(boards, canary: canary, fraction: waveFraction)
        progress("rolling out \(rollout.bundleVersion) to \(boards.count) boards in \(waves.count) waves (parallel \(parallel), halt above \(Int(maxFailureShare * 100)) % failed)")
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
            let results = runWave(wave, number: number)
            reports += results
            let failures = results.filter { $0.result.isFailure }.count
            if Double(failures) / Double(results.count) > maxFailureShare {
                let reason = "rollout halted after wave \(number): \(failures) of \(results.count) boards failed"
                progress(reason)
                halted = reason
            }
        }
        return reports
    }

    private func runWave(_ wave: [InventoryBoard], number: Int) -> [BoardReport] {
        let results = ReportCollector(count: wave.count)
        let slots = DispatchSemaphore(value: parallel)
        let group = DispatchGroup()
        for (position, board) in wave.enumerated() {
            slots.wait()
            group.enter()
            progress("  \(board.name): starting")
            Thread.detachNewThread { [rollout, progress] in
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
}

/// Reports of a wave's boards, filled in from their threads.
final class ReportCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [BoardReport?]
    init(count: Int) { reports = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ report: BoardReport) { lock.lock(); reports[index] = report; lock.unlock() }
    var all: [BoardReport] { lock.lock(); defer { lock.unlock() }; return reports.compactMap { $0 } }
}
