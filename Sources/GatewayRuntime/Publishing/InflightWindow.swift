/// Which journal rows each unacknowledged MQTT message carries. Bounded, so a slow or stalled broker cannot
/// make the board hold an unbounded backlog in memory: the backlog stays in the journal.
struct InflightWindow {
    let capacity: Int
    private(set) var rowsByMessageID: [Int32: [Int64]] = [:]
    private var rowsInFlight: Set<Int64> = []
    /// Which connection sent each message, so what a resumed session failed to resend can be found.
    private var connectionByMessageID: [Int32: Int] = [:]

    init(capacity: Int) { self.capacity = capacity }

    var count: Int { rowsByMessageID.count }
    var hasRoom: Bool { rowsByMessageID.count < capacity }
    var isEmpty: Bool { rowsByMessageID.isEmpty }

    func contains(row: Int64) -> Bool { rowsInFlight.contains(row) }

    mutating func add(messageID: Int32, rows: [Int64], connection: Int = 0) {
        rowsByMessageID[messageID] = rows
        connectionByMessageID[messageID] = connection
        rowsInFlight.formUnion(rows)
    }

    mutating func acknowledge(messageID: Int32) -> [Int64] {
        let rows = rowsByMessageID.removeValue(forKey: messageID) ?? []
        connectionByMessageID[messageID] = nil
        rowsInFlight.subtract(rows)
        return rows
    }

    /// Forgets messages sent before `connection` and returns how many rows they carried: those rows are
    /// still unsent in the journal and go out again with the backlog.
    mutating func forget(sentBefore connection: Int) -> Int {
        var forgotten = 0
        for (mid, sentOn) in connectionByMessageID where sentOn < connection {
            forgotten += acknowledge(messageID: mid).count
        }
        return forgotten
    }

    /// When the broker has no session for us, unacknowledged rows are simply still unsent in the journal;
    /// forgetting them here makes them go out again with the backlog.
    mutating func reset() {
        rowsByMessageID.removeAll()
        connectionByMessageID.removeAll()
        rowsInFlight.removeAll()
    }
}
