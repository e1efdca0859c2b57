import Foundation
import GRDB
import GatewayCore

extension BoardCommissioning {
    /// The drift as stored; none when the stored text cannot be read.
    static func drift(json: String) -> [Drift] {
        (try? JSONDecoder().decode([Drift].self, from: Data(json.utf8))) ?? []
    }

    /// The drift found at the visit, as stored.
    func driftJSON() throws(AggregatorError) -> String {
        do { return String(decoding: try JSONEncoder().encode(drift), as: UTF8.self) } catch {
            throw AggregatorError("cannot encode the commissioning of \(device): \(error)")
        }
    }
}

/// Each board's last technician visit (the retained commissioning message): one row per board, replaced when a
/// newer visit arrives, so the report can say when every board was last commissioned and what drift was found.
extension AggregatorStore {
    static let commissioningTable = """
        CREATE TABLE IF NOT EXISTS commissioning (
            device TEXT PRIMARY KEY, site TEXT NOT NULL, visit_id TEXT NOT NULL, at_ms INTEGER NOT NULL,
            measured_by TEXT NOT NULL, instruments TEXT NOT NULL, scan_matched INTEGER NOT NULL,
            drift_json TEXT NOT NULL, received_ms INTEGER NOT NULL
        )
        """

    public func recordCommissioning(_ visit: BoardCommissioning, receivedAt: UnixTime) throws(AggregatorError) {
        let drift = try visit.driftJSON()
        do {
            try db.write { db in
                try db.execute(sql: AggregatorStore.commissioningTable)
                // A retained message comes again on every reconnect: an older visit never replaces a newer one.
                try db.execute(sql: """
                    INSERT INTO commissioning (device, site, visit_id, at_ms, measured_by, instruments, scan_matched,
                                               drift_json, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(device) DO UPDATE SET site = excluded.site, visit_id = excluded.visit_id,
                        at_ms = excluded.at_ms, measured_by = excluded.measured_by, instruments = excluded.instruments,
                        scan_matched = excluded.scan_matched, drift_json = excluded.drift_json,
                        received_ms = excluded.received_ms
                    WHERE excluded.at_ms >= commissioning.at_ms
                    """, arguments: [visit.device, visit.site, visit.id, visit.time.milliseconds, visit.measuredBy,
                                     visit.instruments, visit.scanMatched, drift, receivedAt.milliseconds])
            }
        } catch {
            throw AggregatorError("cannot record the commissioning of \(visit.device) in \(path): \(error)")
        }
    }

    /// Every board's last visit, by site and device.
    public func commissioning() throws(AggregatorError) -> [BoardCommissioning] {
        do {
            return try db.read { db in
                guard try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'commissioning'") == true
                else { return [] }
                return try Row.fetchAll(db, sql: "SELECT * FROM commissioning ORDER BY site, device").map { row in
                    let drift = BoardCommissioning.drift(json: row["drift_json"])
                    return BoardCommissioning(site: row["site"], device: row["device"], id: row["visit_id"],
                                              time: UnixTime(milliseconds: row["at_ms"]), measuredBy: row["measured_by"],
                                              instruments: row["instruments"], scanMatched: row["scan_matched"],
                                              drift: drift)
                }
            }
        } catch {
            throw AggregatorError("cannot read \(path): \(error)")
        }
    }
}

/// The report's section on technicians' visits: per board, the last visit and the drift it found.
public enum CommissioningReport {
    public static func table(_ visits: [BoardCommissioning]) -> String {
        var out = "\nTechnician visits (last per board)\n"
        if visits.isEmpty { return out + "  none reported\n" }
        for v in visits {
            let when = CivilTime.jst(v.time).iso8601.prefix(16).replacingOccurrences(of: "T", with: " ")
            out += "  \(v.site)/\(v.device): \(when) JST by \(v.measuredBy), scan \(v.scanMatched ? "matched" : "MISMATCH") (\(v.id))\n"
            for d in v.drift {
                let share = d.registerAdvance > 0 ? String(format: " (%.1f%% of the register)", d.gap / d.registerAdvance * 100) : ""
                out += "    \(d.channel): register +\(format(d.registerAdvance)) \(d.unit), gateway +\(format(d.gatewayAdvance)) \(d.unit), drift \(format(d.gap)) \(d.unit)\(share) since \(d.since)\n"
            }
        }
        return out
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
