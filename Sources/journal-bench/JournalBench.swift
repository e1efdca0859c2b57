import ArgumentParser

/// Store-and-forward benchmarks of issue 5 (see Board/bench/ and BENCHMARKS.md). Built release only.
@main
struct JournalBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal-bench",
        abstract: "Journal write cost, SQLite WAL against CRC segments; backlog files for the drain benchmark.",
        subcommands: [Measure.self, Fill.self, Packs.self, TornTail.self, Drain.self])
}
