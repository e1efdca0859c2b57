import GRDB
import GatewayCore

/// What a resend request found in the journal.
public struct RequeueOutcome: Equatable, Sendable {
    /// Delivered readings put back in the backlog.
    public var requeued: Int
    /// Readings asked for that were not delivered yet anyway (they go out with the backlog).
    public var waiting: Int
    /// Sequence numbers asked for that the journal no longer holds: thinned by the disk budget, pruned after
    /// delivery, or never taken.
    public var unavailable: UInt64

    public init(requeued: Int, waiting: Int, unavailable: UInt64) {
        self.requeued = requeued
        self.waiting = waiting
        self.unavailable = unavailable
    }
}

extension ReadingJournal {
    /// Marks a channel's delivered readings in `spans` (inclusive sequence ranges) unsent again, so the
    /// backlog pass sends them once more; the city drops any it already has by device, channel and sequence.
    /// A crash afterwards keeps them queued. There is no index on (channel, seq), as keeping one costs card
    /// writes on every tick; this is one scan of the journal, for a request the city makes rarely.
    public func requeue(device: DeviceID, channel: ChannelID, spans: [ClosedRange<UInt64>]) throws(JournalError) -> RequeueOutcome {
        guard !spans.isEmpty else { return RequeueOutcome(requeued: 0, waiting: 0, unavailable: 0) }
        try flushMarks()  // a PUBACK still in memory would otherwise mark a requeued row sent again later
        // Sequence numbers are integers from a parsed request, so they go into the SQL as literals: one
        // statement, whatever the number of spans.
        let inSpans = spans.map { "seq BETWEEN \(Int64($0.lowerBound)) AND \(Int64($0.upperBound))" }.joined(separator: " OR ")
        let lowest = Int64(spans.map(\.lowerBound).min()!), highest = Int64(spans.map(\.upperBound).max()!)
        let asked = spans.reduce(UInt64(0)) { $0 + ($1.upperBound - $1.lowerBound + 1) }
        return try run("requeue \(spans.count) spans of \(channel) for resending") {
            try db.write { db in
                let match = "device = ? AND channel = ? AND seq BETWEEN ? AND ? AND (\(inSpans))"
                let arguments: StatementArguments = [device.rawValue, channel.rawValue, lowest, highest]
                let waiting = try Int.fetchOne(db, sql: "SELECT count(*) FROM reading WHERE \(match) AND sent_at_ms IS NULL",
                                               arguments: arguments) ?? 0
                try db.execute(sql: "UPDATE reading SET sent_at_ms = NULL WHERE \(match) AND sent_at_ms IS NOT NULL",
                               arguments: arguments)
                let requeued = db.changesCount
                return RequeueOutcome(requeued: requeued, waiting: waiting,
                                      unavailable: asked - min(asked, UInt64(requeued + waiting)))
            }
        }
    }
}
