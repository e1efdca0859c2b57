import Foundation
import MaintainerKit
import Testing

/// Waves, the report table and the bundle's version: the parts of a rollout that need no board.
@Suite struct RolloutPlanTests {
    @Test func wavesAreCanaryThenFractionThenRest() {
        #expect(WavePlan.waves(Array(1...10), canary: 1, fraction: 0.25) == [[1], [2, 3, 4], [5, 6, 7, 8, 9, 10]])
        #expect(WavePlan.waves(Array(1...3), canary: 0, fraction: 1) == [[1, 2, 3]])
        #expect(WavePlan.waves(Array(1...2), canary: 5, fraction: 0.5) == [[1, 2]])
        #expect(WavePlan.waves([Int](), canary: 1, fraction: 0.25).isEmpty)
    }

    @Test func tableHasOneTabSeparatedLinePerBoard() {
        let reports = [
            BoardReport(board: "b1", destination: "h1", wave: 1, versionBefore: "0.1.0", versionAfter: "0.1.1",
                        result: .updated, seconds: 12.5, reason: nil),
            BoardReport(board: "b2", destination: "h2", wave: 2, versionBefore: nil, versionAfter: nil,
                        result: .notAttempted, seconds: 0, reason: "rollout halted after wave 1: 1 of 1 boards failed"),
        ]
        #expect(RolloutTable.text(reports) == """
            BOARD\tWAVE\tBEFORE\tAFTER\tRESULT\tSECONDS\tREASON
            b1\t1\t0.1.0\t0.1.1\tupdated\t12.5\t
            b2\t2\t-\t-\tnot-attempted\t0.0\trollout halted after wave 1: 1 of 1 boards failed
            """)
        #expect(BoardReport.Result.rolledBack.isFailure && BoardReport.Result.hostKeyRejected.isFailure)
        #expect(!BoardReport.Result.unchanged.isFailure && !BoardReport.Result.notAttempted.isFailure)
    }

    @Test func versionIsReadFromTheBundlesManifest() throws {
        let dir = NSTemporaryDirectory() + "maintainerkit-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #"{"format":1,"program":"sensor-gateway","version":"0.2.0"}"#.write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-cf", dir + "/b.bundle", "-C", dir, "manifest.json"]
        try tar.run()
        tar.waitUntilExit()
        #expect(try BundleVersion.read(dir + "/b.bundle") == "0.2.0")
        #expect(throws: BundleVersion.Unreadable.self) { try BundleVersion.read(dir + "/manifest.json") }
    }

    @Test func statusVersionComesFromTheJSONLine() {
        #expect(BoardRollout.version(fromStatus: "noise\n{\"version\":\"0.1.3\",\"slots\":[]}\n") == "0.1.3")
        #expect(BoardRollout.version(fromStatus: "sgw-update: cannot read\n") == nil)
    }
}
