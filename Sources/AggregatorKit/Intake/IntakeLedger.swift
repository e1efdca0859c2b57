import GRDB
import GatewayCore

/// What the intake kept aside or refused, per board, and when the city first heard of each board.
///
/// Refusals are counted per message (one row: how many records, why, on which topic), quarantined readings
/// are kept whole for a technician, once each (a board asked for the gap they leave sends them again); both
/// are reported per board and neither reaches a KPI.
enum IntakeLedger {
    static let schema = """
        CREATE TABLE IF NOT EXISTS board_seen (
            device TEXT PRIMARY KEY, site TEXT NOT NULL, first_seen_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS quarantined_reading (
            site TEXT NOT NULL, device TEXT NOT NULL, channel TEXT NOT NULL, seq INTEGER NOT NULL,
            t_s REAL NOT NULL, value REAL, sum REAL, unit TEXT, quality TEXT NOT NULL, reason TEXT NOT NULL,
            received_ms INTEGER NOT NULL,
            UNIQUE (device, channel, seq)
        );
        CREATE INDEX IF NOT EXISTS quarantined_reading_device ON quarantined_reading (device, received_ms);
        CREATE TABLE IF NOT EXISTS intake_refusal (
            site TEXT NOT NULL, device TEXT NOT NULL, topic TEXT NOT NULL, reason TEXT NOT NULL,
            records INTEGER NOT NULL, detail TEXT NOT NULL, received_ms INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS intake_refusal_device ON intake_refusal (device, received_ms);
        """

    static func noteSeen(_ db: Database, site: String, device: String, at: UnixTime) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO board_seen (device, site, first_seen_ms) VALUES (?, ?, ?)",
                       arguments: [device, site, at.milliseconds])
    }
}

/// A board's refusals and quarantined readings, as the report shows them.
public struct IntakeCounts: Sendable, Equatable {
    public var device: String
    public var site: String
    /// Records (or status messages) refused, by reason.
    public var refused: [String: Int]
    /// Readings kept aside, by reason.
    public var quarantined: [String: Int]
}

extension AggregatorStore {
    /// When the city first heard of `device` (its first status or reading), or nil.
    public func firstSeen(device: String) throws(AggregatorError) -> UnixTime? {
        do {
            return try db.read { db in
                try Int64.fetchOne(db, sql: "SELECT first_seen_ms FROM board_seen WHERE device = ?", arguments: [device])
                    .map(UnixTime.init(milliseconds:))
            }
        } catch {
            throw AggregatorError("cannot read \(path): \(error)")
        }
    }

    /// Notes that `board` was heard from now, if it never was before.
    public func noteSeen(_ board: BoardTopic, at: UnixTime) throws(AggregatorError) {
        do {
            try db.write { db in try IntakeLedger.noteSeen(db, site: board.site, device: board.device, at: at) }
        } catch {
            throw AggregatorError("cannot record \(board.device) in \(path): \(error)")
        }
    }

    /// Keeps readings aside that passed every check but their date or quality.
    public func quarantine(_ readings: [QuarantinedReading], from board: BoardTopic, receivedAt: UnixTime) throws(AggregatorError) {
        guard !readings.isEmpty else { return }
        do {
            try db.write { db in
                for q in readings {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO quarantined_reading (site, device, channel, seq, t_s, value, sum, unit, quality, reason, received_ms)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [board.site, board.device, q.channel, Int64(q.sequence), q.timeSeconds, q.value, q.sum,
                                         q.unit, q.quality, q.reason.rawValue, receivedAt.milliseconds])
                }
            }
        } catch {
            throw AggregatorError("cannot quarantine readings of \(board.device) in \(path): \(error)")
        }
    }

    /// Counts `records` refused on `board`'s topic for `refusal`.
    public func recordRefusal(_ refusal: IntakeRefusal, records: Int, from board: BoardTopic, receivedAt: UnixTime) throws(AggregatorError) {
        do {
            try db.write { db in
                try db.execute(sql: """
                    INSERT INTO intake_refusal (site, device, topic, reason, records, detail, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [board.site, board.device, board.topic, refusal.reason, records,
                                     String(refusal.description.prefix(1000)), receivedAt.milliseconds])
            }
        } catch {
            throw AggregatorError("cannot count a refusal for \(board.device) in \(path): \(error)")
        }
    }

    /// Refusals and quarantined readings per board received in [from, to).
    public func intakeCounts(receivedFrom from: UnixTime = UnixTime(milliseconds: .min),
                             to: UnixTime = UnixTime(milliseconds: .max)) throws(AggregatorError) -> [IntakeCounts] {
        do {
            return try db.read { db in try IntakeLedger.counts(db, from: from, to: to) }
        } catch {
            throw AggregatorError("cannot read refusals from \(path): \(error)")
        }
    }
}

extension IntakeLedger {
    static func counts(_ db: Database, from: UnixTime, to: UnixTime) throws -> [IntakeCounts] {
        var byDevice: [String: IntakeCounts] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT device, site, reason, total(records) AS n FROM intake_refusal WHERE received_ms >= ? AND received_ms < ?
            GROUP BY device, site, reason
            """, arguments: [from.milliseconds, to.milliseconds]) {
            let device: String = row["device"]
            byDevice[device, default: IntakeCounts(device: device, site: row["site"], refused: [:], quarantined: [:])]
                .refused[row["reason"], default: 0] += clampedCount(row["n"])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT device, site, reason, count(*) AS n FROM quarantined_reading WHERE received_ms >= ? AND received_ms < ?
            GROUP BY device, site, reason
            """, arguments: [from.milliseconds, to.milliseconds]) {
            let device: String = row["device"]
            byDevice[device, default: IntakeCounts(device: device, site: row["site"], refused: [:], quarantined: [:])]
                .quarantined[row["reason"], default: 0] += clampedCount(row["n"])
        }
        return byDevice.values.sorted { $0.device < $1.device }
    }
}

/// A count SQLite summed as a REAL (`total()` never overflows), as an Int.
func clampedCount(_ x: Double?) -> Int {
    guard let x, x.isFinite else { return 0 }
    return x >= Double(Int.max) ? Int.max : max(0, Int(x))
}
