/// Which journal rows each unacknowledged MQTT message carries. Bounded, so a slow or stalled broker cannot
/// make the board hold an unbounded backlog in memory: the backlog stays in the journal.
struct InflightWindow {
    let capacity: Int
    private(set) var rowsByMessageID: [Int32: [Int64]] = [:]

    init(capacity: Int) { self.capacity = capacity }

    var hasRoom: Bool { rowsByMessageID.count < capacity }
    var isEmpty: Bool { rowsByMessageID.isEmpty }

    mutating func add(messageID: Int32, rows: [Int64]) { rowsByMessageID[messageID] = rows }

    mutating func acknowledge(messageID: Int32) -> [Int64] {
        rowsByMessageID.removeValue(forKey: messageID) ?? []
    }

    /// On a lost connection, unacknowledged rows are simply still unsent in the journal; forgetting them here
    /// makes them go out again after reconnect.
    mutating func reset() { rowsByMessageID.removeAll() }
}
