import GatewayCore

/// Pulse totals between publishing ticks. A pulse channel publishes at its interval (15–60 s at the example
/// sites), but its running pulse total is checkpointed at most once a second while it changes, so a `kill -9`
/// or a power cut loses at most the last second of metering instead of everything since the last reading.
extension ReadingJournal {
    /// Writes each channel's running pulse total as its checkpoint, in one small transaction: only the
    /// `channel_state` row changes (one page), never a reading. `pulseTotal` of a state seen for the first time
    /// is the total its next reading counts from; an existing row keeps its own, so the next reading's
    /// increment still covers every pulse since the last one published. `lastSequence` only ever advances.
    public func checkpointPulses(_ states: [ChannelState]) throws(JournalError) {
        guard !states.isEmpty else { return }
        try run("checkpoint the pulse totals of \(states.count) channels") { (db) throws(JournalError) in
            try db.transaction { () throws(JournalError) in
                try db.withStatement("""
                    INSERT INTO channel_state (device, channel, last_seq, pulse_total, pulse_checkpoint, metered_total)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(device, channel) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq),
                                                                pulse_checkpoint = excluded.pulse_checkpoint
                    """) { (upsert) throws(JournalError) in
                    for s in states {
                        try upsert.bind(1, s.device.rawValue)
                        try upsert.bind(2, s.channel.rawValue)
                        try upsert.bind(3, Int64(s.lastSequence))
                        try upsert.bind(4, Int64(s.pulseTotal))
                        try upsert.bind(5, Int64(s.pulseCheckpoint))
                        try upsert.bind(6, s.meteredTotal)
                        try upsert.run()
                    }
                }
            }
        }
    }
}
