import AggregatorKit
import Foundation
import GatewayCore
import Logging
import MQTTTransport
import SenML
import Testing

/// Many MQTT messages, one transaction: what a batch commits must be what the messages would have stored one
/// by one.
@Suite struct IntakeBatchTests {
    @Test func aBatchStoresNothingUntilItsCommitThenEverythingOnce() throws {
        let dir = NSTemporaryDirectory() + "batch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try AggregatorStore(path: dir + "/city.sqlite")
        let service = AggregatorService(
            settings: .init(options: MQTTConnectionOptions(host: "127.0.0.1", port: 1, clientID: "batch-test"),
                            topics: TopicLayout(prefix: "sgw")),
            store: store, log: Logger(label: "batch-test"))
        let now = UnixTime(seconds: Date().timeIntervalSince1970)
        func message(_ seq: Int) -> MQTTMessage {
            MQTTMessage(topic: "sgw/site-a/gw1/data",
                        text: #"[{"bn":"gw1:","n":"import","u":"kWh","v":1,"s":\#(seq),"seq":\#(seq),"t":\#(now.seconds)}]"#)
        }
        // Gaps are tracked across the messages of one batch as across batches: 1, 5, 3 leaves 2 and 4 missing.
        for seq in [1, 5, 3, 5] { service.enqueue(message(seq), receivedAt: now) }
        #expect(try store.allReadings().isEmpty, "nothing is visible before the batch commits")
        service.flush()
        #expect(try store.allReadings().map(\.reading.key.sequence) == [1, 3, 5])
        #expect(service.storedCount == 3 && service.duplicateCount == 1)
        #expect(try store.gaps().map(\.sequences) == [2...2, 4...4])
        #expect(try store.rollups(.day, from: UnixTime(milliseconds: 0), to: now.adding(seconds: 86_400)).map(\.count) == [3])
    }

    @Test func aStringFieldOfTheWrongTypeOrANULEscapeIsCaught() throws {
        let board = try #require(BoardTopic("sgw/site-a/gw1/data", prefix: "sgw"))
        let now = UnixTime(seconds: Date().timeIntervalSince1970)
        func decode(_ json: String) throws(IntakeRefusal) -> PackIntake {
            try SenMLIntake.decode(Array(json.utf8), from: board, receivedAt: now, firstSeen: nil)
        }
        #expect(throws: IntakeRefusal.self) { try decode(#"[{"n":"gw1:import","seq":"1","v":1}]"#) }
        #expect(throws: IntakeRefusal.self) { try decode(#"[1]"#) }
        // An escaped backslash before "u0000" is text, not a NUL; an escaped NUL cuts no name short.
        let text = try decode(#"[{"n":"gw1:import","seq":1,"v":1,"t":\#(now.seconds),"m":"a\\u0000b"}]"#)
        #expect(text.accepted.first?.method == #"a\u0000b"#)
        let nul = try decode(#"[{"n":"gw1:import","seq":1,"v":1,"t":\#(now.seconds),"u":"k\u0000Wh"}]"#)
        #expect(nul.accepted.isEmpty && nul.refused.count == 1)
        let named = try decode(#"[{"n":"gw1:import\u0000x","seq":1,"v":1,"t":\#(now.seconds)}]"#)
        #expect(named.accepted.isEmpty && named.refused.count == 1)
    }
}
