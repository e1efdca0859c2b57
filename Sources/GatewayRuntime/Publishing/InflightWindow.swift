/// Which journal rows each unacknowledged MQTT message carries. Bounded, so a slow or stalled broker cannot
/// make the board hold an unbounded backlog in memory: the backlog stays in the journal.
struct InflightWindow {
    let capacity: Int
    private(set) var rowsByMessageID: [Int32: [Int64]] = [:]
    private var rowsInFlight: Set<Int64> = []

    init(capacity: Int) { self.capacity = capacity }

    var count: Int { rowsByMessageID.count }
    var hasRoom: Bool { rowsByMessageID.count < capacity }
    var isEmpty: Bool { rowsByMessageID.isEmpty }

    func contains(row: Int64) -> Bool { rowsInFlight.contains(row) }

    mutating func add(messageID: Int32, rows: [Int64]) {
        rowsByMessageID[messageID] = rows
        rowsInFlight.formUnion(rows)
    }

    mutating func acknowledge(messageID: Int32) -> [Int64] {
        let rows = rowsByMessageID.removeValue(forKey: messageID) ?? []
        rowsInFlight.subtract(rows)
        return rows
    }

    /// When the broker has no session for us, unacknowledged rows are simply still unsent in the journal;
    /// forgetting them here makes them go out again with the backlog.
    mutating func reset() {
        rowsByMessageID.removeAll()
        rowsInFlight.removeAll()
    }
}
