import GRDB
import GatewayCore

/// Missing sequence numbers of each channel, kept as it happens so the city can ask boards for them again.
///
/// A reading that arrives beyond a channel's highest sequence opens a gap behind it; readings that later
/// land inside a gap shrink or split it. A backlog replaying after an outage fills its gap from the front,
/// touching it on each pack, so only a gap that has stopped changing is worth a resend request: a message the
/// broker took as delivered but that never reached this database, or a reading the board thinned.
enum SequenceGaps {
    static let schema = """
        CREATE TABLE IF NOT EXISTS gap (
            site TEXT NOT NULL, device TEXT NOT NULL, channel TEXT NOT NULL,
            from_seq INTEGER NOT NULL, to_seq INTEGER NOT NULL,
            changed_ms INTEGER NOT NULL, requested_ms INTEGER, requests INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (device, channel, from_seq)
        );
        """

    /// Records that `seq` was stored, given the channel's highest sequence before it.
    static func arrived(_ db: Database, site: String, device: String, channel: String, seq: Int64, highestBefore: Int64?,
                        nowMilliseconds: Int64) throws {
        // The first reading the city sees of a channel starts it: what a board sent before the city existed is
        // not a loss.
        guard let high = highestBefore else { return }
        // A database written before sequence numbers were bounded may hold one at Int64.max: nothing lies
        // beyond it to open a gap to, and `high + 1` must not trap.
        if high < Int64.max, seq > high + 1 {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO gap (site, device, channel, from_seq, to_seq, changed_ms) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [site, device, channel, high + 1, seq - 1, nowMilliseconds])
        } else if seq < high {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT from_seq, to_seq, requested_ms, requests FROM gap
                WHERE device = ? AND channel = ? AND from_seq <= ? ORDER BY from_seq DESC LIMIT 1
                """), arguments: [device, channel, seq]) else { return }
            let from: Int64 = row["from_seq"], to: Int64 = row["to_seq"]
            guard to >= seq else { return }
            try db.execute(sql: "DELETE FROM gap WHERE device = ? AND channel = ? AND from_seq = ?", arguments: [device, channel, from])
            // What is left keeps its request history, and counts as changed now: it is being filled.
            for (a, b) in [(from, seq - 1), (seq + 1, to)] where a <= b && seq > Int64.min && seq < Int64.max {
                try db.execute(sql: """
                    INSERT INTO gap (site, device, channel, from_seq, to_seq, changed_ms, requested_ms, requests)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [site, device, channel, a, b, nowMilliseconds, row["requested_ms"] as Int64?, row["requests"] as Int64])
            }
        }
    }
}

/// One channel's gaps, asked for in one request.
public struct ResendDue: Sendable, Equatable {
    public var site: String
    public var device: String
    public var channel: String
    /// Inclusive sequence ranges, oldest first.
    public var spans: [ClosedRange<UInt64>]

    public init(site: String, device: String, channel: String, spans: [ClosedRange<UInt64>]) {
        self.site = site
        self.device = device
        self.channel = channel
        self.spans = spans
    }

    /// Quiet gaps (ordered by device, channel, first sequence) grouped per channel within a request's bounds.
    static func grouped(_ rows: [(site: String, device: String, channel: String, from: Int64, to: Int64)],
                        maximumSpans: Int, maximumReadings: UInt64) -> [ResendDue] {
        var out: [ResendDue] = []
        var readings: UInt64 = 0
        for row in rows {
            let span = UInt64(row.from)...UInt64(row.to)
            let count = span.upperBound - span.lowerBound + 1
            if let last = out.last, last.device == row.device, last.channel == row.channel,
               last.spans.count < maximumSpans, readings + count <= maximumReadings {
                out[out.count - 1].spans.append(span)
                readings += count
            } else {
                // A gap larger than one request allows is asked for by its first part; the rest stays a
                // gap and comes in the next round.
                let capped = span.lowerBound...min(span.upperBound, span.lowerBound + maximumReadings - 1)
                out.append(ResendDue(site: row.site, device: row.device, channel: row.channel, spans: [capped]))
                readings = capped.upperBound - capped.lowerBound + 1
            }
        }
        return out
    }

    /// The requests to send this round. Each costs the board a pass over its journal: after a long outage
    /// with thinning there can be thousands of gaps, so a board gets a few a round and the rest stay due.
    public static func round(_ due: [ResendDue], perBoard: Int) -> [ResendDue] {
        var sent: [String: Int] = [:]
        return due.filter { d in
            sent[d.device, default: 0] += 1
            return sent[d.device]! <= perBoard
        }
    }
}

/// A channel's missing sequence numbers as the store sees them.
public struct SequenceGap: Sendable, Equatable {
    public var device: String
    public var channel: String
    public var sequences: ClosedRange<UInt64>
    public var requests: Int
}

extension AggregatorStore {
    /// Gaps of online boards that have not changed for `quietMilliseconds` and were not asked for within it,
    /// asked for fewer than `maximumRequests` times; grouped per channel within a request's bounds.
    public func dueResends(now: UnixTime, quiet: Swift.Duration, maximumRequests: Int,
                           maximumSpans: Int, maximumReadings: UInt64) throws(AggregatorError) -> [ResendDue] {
        let before = now.milliseconds - quiet.components.seconds * 1000 - quiet.components.attoseconds / 1_000_000_000_000_000
        do {
            return try db.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT g.site, g.device, g.channel, g.from_seq, g.to_seq FROM gap g JOIN device d ON d.device = g.device
                    WHERE d.state = 'online' AND g.requests < ? AND g.changed_ms <= ? AND coalesce(g.requested_ms, 0) <= ?
                    ORDER BY g.device, g.channel, g.from_seq
                    """, arguments: [maximumRequests, before, before])
                return ResendDue.grouped(rows.map { (site: $0["site"], device: $0["device"], channel: $0["channel"],
                                                     from: $0["from_seq"], to: $0["to_seq"]) },
                                         maximumSpans: maximumSpans, maximumReadings: maximumReadings)
            }
        } catch {
            throw AggregatorError("cannot read gaps from \(path): \(error)")
        }
    }

    /// Notes that the gaps a request covers were asked for now.
    public func markRequested(_ due: ResendDue, now: UnixTime) throws(AggregatorError) {
        do {
            try db.write { db in
                for span in due.spans {
                    try db.execute(sql: """
                        UPDATE gap SET requests = requests + 1, requested_ms = ? WHERE device = ? AND channel = ? AND from_seq = ?
                        """, arguments: [now.milliseconds, due.device, due.channel, Int64(span.lowerBound)])
                }
            }
        } catch {
            throw AggregatorError("cannot record a resend request in \(path): \(error)")
        }
    }

    public func gaps() throws(AggregatorError) -> [SequenceGap] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: "SELECT device, channel, from_seq, to_seq, requests FROM gap ORDER BY device, channel, from_seq").map {
                    SequenceGap(device: $0["device"], channel: $0["channel"],
                                sequences: UInt64($0["from_seq"] as Int64)...UInt64($0["to_seq"] as Int64), requests: $0["requests"])
                }
            }
        } catch {
            throw AggregatorError("cannot read gaps from \(path): \(error)")
        }
    }
}
