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
        var inSpans = ""
        var lowest = UInt64.max, highest = UInt64.min, asked: UInt64 = 0
        for span in spans {
            if !inSpans.isEmpty { inSpans += " OR " }
            inSpans += "seq BETWEEN \(Int64(span.lowerBound)) AND \(Int64(span.upperBound))"
            lowest = min(lowest, span.lowerBound)
            highest = max(highest, span.upperBound)
            asked += span.upperBound - span.lowerBound + 1
        }
        let match = "device = ? AND channel = ? AND seq BETWEEN ? AND ? AND (\(inSpans))"
        return try run("requeue \(spans.count) spans of \(channel) for resending") { (db) throws(JournalError) -> RequeueOutcome in
            try db.transaction { () throws(JournalError) -> RequeueOutcome in
                // Rows an acknowledged range covers are sent too: their ranges between the first and the last
                // asked-for row are written onto the rows themselves (the request's span only), so the rows
                // asked for can be put back one by one below.
                let (firstRow, lastRow) = try db.withStatement("SELECT min(id), max(id) FROM reading WHERE \(match)") { (s) throws(JournalError) -> (Int64?, Int64?) in
                    try Self.bindMatch(s, device, channel, lowest, highest)
                    return try s.step() ? (s.optionalInteger(0), s.optionalInteger(1)) : (nil, nil)
                }
                if let firstRow, let lastRow {
                    for r in try SentRanges.overlapping(firstRow, lastRow, db) {
                        try db.withStatement("UPDATE reading SET sent_at_ms = ? WHERE id BETWEEN ? AND ? AND sent_at_ms IS NULL") { (s) throws(JournalError) in
                            try s.bind(1, r.sentAtMilliseconds)
                            try s.bind(2, max(r.first, firstRow))
                            try s.bind(3, min(r.last, lastRow))
                            try s.run()
                        }
                    }
                    try SentRanges.cut(firstRow, lastRow, db)
                }
                let waiting = try db.withStatement("SELECT count(*) FROM reading WHERE \(match) AND sent_at_ms IS NULL") { (s) throws(JournalError) -> Int in
                    try Self.bindMatch(s, device, channel, lowest, highest)
                    return try s.step() ? Int(s.integer(0)) : 0
                }
                let requeued = try db.withStatement("UPDATE reading SET sent_at_ms = NULL WHERE \(match) AND sent_at_ms IS NOT NULL") { (s) throws(JournalError) -> Int in
                    try Self.bindMatch(s, device, channel, lowest, highest)
                    try s.run()
                    return db.changes
                }
                return RequeueOutcome(requeued: requeued, waiting: waiting,
                                      unavailable: asked - min(asked, UInt64(requeued + waiting)))
            }
        }
    }

    private static func bindMatch(_ s: SQLiteStatement, _ device: DeviceID, _ channel: ChannelID,
                                  _ lowest: UInt64, _ highest: UInt64) throws(JournalError) {
        try s.bind(1, device.rawValue)
        try s.bind(2, channel.rawValue)
        try s.bind(3, Int64(lowest))
        try s.bind(4, Int64(highest))
    }
}
