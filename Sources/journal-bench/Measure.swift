import ArgumentParser
import Foundation
import GatewayCore
import Journal
import SenML

/// One engine, one simulated stretch of sampling: a commit per tick, then what the publisher's PUBACKs write.
/// Ticks run back to back; the figures that matter (bytes and syncs per tick) do not depend on the pause.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bytes written, syncs and CPU for TICKS sampling ticks.")

    enum Engine: String, ExpressibleByArgument { case sqlite, segments }
    enum Marking: String, ExpressibleByArgument {
        /// Live publishing: each tick's readings go out in one message and its PUBACK marks them.
        case perTick = "per-tick"
        /// Messages of 50 readings, as when the publisher replays or batches.
        case per50 = "per-50"
        case none
    }

    @Option var engine: Engine
    @Option(help: "Journal of a real gateway run whose ticks are repeated.") var template: String
    @Option(help: "Empty folder for the journal under test.") var dir: String
    @Option var ticks = 3600
    @Option var mark: Marking = .perTick
    @Option(help: "Hours of already-delivered history first (SQLite: the minute's pruning then deletes rows).")
    var historyHours: Double = 0

    func run() throws {
        var workload = try TemplateWorkload(journalPath: template)
        let start = UnixTime(seconds: Date().timeIntervalSince1970)
        var journal: ReadingJournal?
        if engine == .sqlite {
            journal = try ReadingJournal(path: dir + "/journal.sqlite")
            // The same workload, so the measured hour continues the history's sequence numbers.
            if historyHours > 0, let journal {
                try Backfill.run(&workload, into: journal, ticks: Int(historyHours * 3600), end: start, markSent: true)
            }
        }
        // Built before timing, so both engines are timed on storing alone.
        let plan = (0..<ticks).map { workload.tick($0, start: start, monoStart: 1_000_000_000) }
        let payloads = plan.map { $0.readings.map { SenMLPack.encode([$0]) } }
        let payloadBytes = payloads.joined().reduce(0) { $0 + $1.count }
        let readings = plan.reduce(0) { $0 + $1.readings.count }

        let report: (ProcessCounters, ProcessCounters, String)
        if let journal {
            report = try SQLiteRun(journal: journal, mark: mark).run(plan)
        } else {
            report = try SegmentRun(path: dir + "/segment.log", mark: mark).run(payloads)
        }
        let (before, after, extra) = report
        let d = after - before
        let perHour = 3600 / Double(ticks)
        print("""
            engine=\(engine.rawValue) mark=\(mark.rawValue) history_h=\(historyHours) ticks=\(ticks) readings=\(readings) \
            payload_bytes=\(payloadBytes) write_bytes=\(d.writeBytes) wchar=\(d.wchar) write_calls=\(d.writeCalls) \
            cpu_s=\(d.cpuSeconds) wall_s=\(d.wallSeconds) \(extra)
            per_hour: payload_MB=\(mb(Double(payloadBytes) * perHour)) device_MB=\(mb(Double(d.writeBytes) * perHour)) \
            write2_MB=\(mb(Double(d.wchar) * perHour)) cpu_s=\(round3(d.cpuSeconds * perHour)) \
            amplification=\(round3(Double(d.writeBytes) / Double(payloadBytes))) \
            wall_ms_per_tick=\(round3(d.wallSeconds * 1000 / Double(ticks)))
            """)
    }

    private func mb(_ bytes: Double) -> Double { round3(bytes / 1_000_000) }
    private func round3(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
}
