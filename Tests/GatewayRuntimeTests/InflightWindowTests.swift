@testable import GatewayRuntime
import Testing

@Suite struct InflightWindowTests {
    @Test func acknowledgementFreesTheSlotAndTheRows() {
        var window = InflightWindow(capacity: 2)
        window.add(messageID: 1, rows: [10, 11])
        window.add(messageID: 2, rows: [12])
        #expect(!window.hasRoom && window.contains(row: 11))
        #expect(window.acknowledge(messageID: 1) == [10, 11])
        #expect(window.hasRoom && !window.contains(row: 11) && window.contains(row: 12))
        #expect(window.acknowledge(messageID: 1) == [], "a second PUBACK for the same id marks nothing")
    }

    @Test func messagesFromEarlierConnectionsCanBeForgotten() {
        var window = InflightWindow(capacity: 8)
        window.add(messageID: 1, rows: [1, 2], connection: 1)
        window.add(messageID: 2, rows: [3], connection: 1)
        window.add(messageID: 3, rows: [4, 5, 6], connection: 2)
        #expect(window.forget(sentBefore: 2) == 3)
        #expect(window.count == 1 && !window.contains(row: 1) && window.contains(row: 4))
        #expect(window.forget(sentBefore: 2) == 0)
    }
}
