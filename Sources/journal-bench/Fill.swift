import ArgumentParser
import Foundation
import GatewayCore
import Journal

/// A journal holding an outage's worth of unsent readings, ending now, for the gateway to drain.
struct Fill: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write HOURS of unsent template ticks (1 s apart) into a journal.")
    @Option(help: "Journal of a real gateway run whose ticks are repeated.") var template: String
    @Option(help: "Journal to fill (the gateway's state-dir/journal.sqlite).") var journal: String
    @Option var hours: Double = 24
    /// The template's monotonic stamps are repeated from 0 s, which contradicts times ending now in this machine's
    /// boot: the gateway would restamp the whole backlog at its first tick (175,553 readings in the 2026-11-30
    /// bench). A board starting on a day's backlog holds it from its previous boot (or, in the same boot, with a
    /// restamp mark the running gateway kept confirming), so the backlog is stamped with an earlier boot.
    @Option(help: "Boot id the backlog's readings carry (not this machine's: see the source).")
    var bootId: String = "0d3c9f7e-5a21-4b6e-8f40-backlog-boot"

    func run() throws {
        var workload = try TemplateWorkload(journalPath: template)
        let target = try ReadingJournal(path: journal)
        let n = try Backfill.run(&workload, into: target, ticks: Int(hours * 3600),
                                 end: UnixTime(seconds: Date().timeIntervalSince1970), markSent: false, bootID: bootId)
        print("filled \(journal): \(n) unsent readings of \(workload.device), \(Int(hours * 3600)) ticks")
    }
}
