import GRDB
import GatewayCore

extension AggregatorStore {
    public func boardHistory(site: String, in year: FiscalYear) throws(AggregatorError) -> [BoardStateChange] {
        do {
            return try db.read { db in
                var changes: [BoardStateChange] = []
                let devices = try String.fetchAll(db, sql: "SELECT device FROM device WHERE site = ? ORDER BY device", arguments: [site])
                for device in devices {
                    if let before = try Row.fetchOne(db, sql: """
                        SELECT state FROM status_event WHERE device = ? AND at_ms < ? ORDER BY at_ms DESC, rowid DESC LIMIT 1
                        """, arguments: [device, year.start.milliseconds]) {
                        changes.append(BoardStateChange(device: device, state: before["state"], atMilliseconds: year.start.milliseconds))
                    }
                }
                changes += try Row.fetchAll(db, sql: """
                    SELECT e.device AS device, e.state AS state, e.at_ms AS at_ms FROM status_event e
                    JOIN device d ON d.device = e.device
                    WHERE d.site = ? AND e.at_ms >= ? AND e.at_ms < ? ORDER BY e.at_ms, e.rowid
                    """, arguments: [site, year.start.milliseconds, year.end.milliseconds]).map {
                    BoardStateChange(device: $0["device"], state: $0["state"], atMilliseconds: $0["at_ms"])
                }
                return changes
            }
        } catch {
            throw AggregatorError("cannot read the board history of \(site) from \(path): \(error)")
        }
    }
}
