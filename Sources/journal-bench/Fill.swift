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

    func run() throws {
        var workload = try TemplateWorkload(journalPath: template)
        let target = try ReadingJournal(path: journal)
        let n = try Backfill.run(&workload, into: target, ticks: Int(hours * 3600),
                                 end: UnixTime(seconds: Date().timeIntervalSince1970), markSent: false)
        print("filled \(journal): \(n) unsent readings of \(workload.device), \(Int(hours * 3600)) ticks")
    }
}
