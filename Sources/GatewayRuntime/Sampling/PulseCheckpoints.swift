import GatewayCore

/// When the sampling loop checkpoints running pulse totals to the journal: at most once a second, and only for
/// a channel whose total moved since it last reached the journal (by a checkpoint or a reading), so a quiet
/// meter writes nothing and a `kill -9` loses at most the last second of pulses.
struct PulseCheckpoints {
    static let periodNanoseconds: UInt64 = 1_000_000_000

    /// The pulse total the journal holds for each channel.
    private var journaled: [ChannelID: UInt64] = [:]
    private var lastWrite: UInt64

    /// `now`: monotonic time the loop starts; the first checkpoint comes a second later at the earliest.
    init(now: UInt64) { lastWrite = now }

    func isDue(now: UInt64) -> Bool { now &- lastWrite >= Self.periodNanoseconds }

    /// Whether `total` is news to the journal.
    func changed(_ channel: ChannelID, total: UInt64) -> Bool { total > journaled[channel] ?? 0 }

    /// The journal now holds `total` for `channel` (a reading was recorded or a checkpoint written).
    mutating func journaled(_ channel: ChannelID, total: UInt64) {
        journaled[channel] = max(journaled[channel] ?? 0, total)
    }

    mutating func wrote(at now: UInt64) { lastWrite = now }
}
