/// How a fault test judges arrival order per channel once live readings may overtake a replayed backlog.
public enum ArrivalOrder {
    /// True when `sequences` (one channel, in arrival order) is an interleaving of two ascending runs, the
    /// backlog (below some split) and the live readings (from it up): each part in order, whatever the mix.
    public static func isBacklogAndLiveInOrder(_ sequences: [UInt64]) -> Bool {
        let splits = Set(sequences).sorted() + [UInt64.max]
        return splits.contains { split in
            ascending(sequences.filter { $0 < split }) && ascending(sequences.filter { $0 >= split })
        }
    }

    private static func ascending(_ values: [UInt64]) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
    }
}
