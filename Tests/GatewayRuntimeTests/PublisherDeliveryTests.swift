import BoardLog
import Foundation
import GatewayCore
import Journal
import MQTTTransport
import SenML
import Testing
import TestSupport
@testable import GatewayRuntime

/// The publisher over a real MQTTClient and a private Mosquitto: what it marks sent, what its will says.
@Suite(.serialized) struct PublisherDeliveryTests {
    static let device = DeviceID("delivery-board")

    static func reading(_ seq: UInt64, _ value: Double) -> Reading {
        Reading(key: ReadingKey(device: device, channel: "indoor", sequence: seq),
                time: UnixTime(seconds: 1_790_000_000 + Double(seq)), value: MeasuredValue(value, "Cel"))
    }

    static func publisher(_ journal: ReadingJournal, port: Int32, status: @escaping @Sendable (String) -> DeviceStatus = {
        DeviceStatus(state: $0, site: "s", device: "delivery-board")
    }) -> Publisher {
        Publisher(settings: .init(options: MQTTConnectionOptions(host: "127.0.0.1", port: port, clientID: "sgw-delivery-test"),
                                  device: device, dataTopic: "t/s/delivery-board/data",
                                  statusTopic: "t/s/delivery-board/status", resendTopic: "t/s/delivery-board/resend"),
                  journal: journal, log: Logger(label: "publisher-test"), status: status)
    }

    /// Issue 16: a pack the encoder refuses (a value that is not a finite number) used to go out as `[]`
    /// and have every reading in it marked sent.
    @Test func aPackThatCannotBeEncodedIsNotMarkedSentAndDoesNotHoldUpTheNext() throws {
        let dir = Paths.scratch("publisher-delivery")
        let broker = try MosquittoBroker(directory: dir)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite", markDelay: .zero)
        try journal.record([Self.reading(1, 21.5), Self.reading(2, .infinity)], states: [])
        let watcher = try MQTTClient(MQTTConnectionOptions(host: "127.0.0.1", port: broker.port, clientID: "delivery-watcher"))
        try watcher.connect()
        _ = watcher.pollUntil(timeoutMilliseconds: 5000) { if case .connected = $0 { true } else { false } }
        try watcher.subscribe("t/s/delivery-board/status")
        let publisher = Self.publisher(journal, port: broker.port)
        publisher.start()
        defer { publisher.stop() }
        // Online means connected: the two rows above are now the backlog, and its first pass starts at once.
        let online = watcher.pollUntil(timeoutMilliseconds: 10_000) {
            if case .message(let m) = $0 { m.text.contains("\"online\"") } else { false }
        }
        #expect(online.contains { if case .message = $0 { true } else { false } }, "the publisher never came online")
        try journal.record([Self.reading(3, 22.0)], states: [])
        publisher.journalCommitted()
        #expect(eventually(10) { try journal.all().first { $0.reading.key.sequence == 3 }?.sentAt != nil },
                "the reading after the bad pack goes out")
        Thread.sleep(forTimeInterval: 1)
        let bySequence = Dictionary(uniqueKeysWithValues: try journal.all().map { ($0.reading.key.sequence, $0) })
        #expect(bySequence[1]?.sentAt == nil && bySequence[2]?.sentAt == nil,
                "nothing of the pack that was never published is marked sent")
    }

    /// Issue 16: the will is handed to the broker at connect and published when the connection dies, maybe
    /// hours later: it must not carry the connect's time.
    @Test func theLastWillSaysOfflineWithNothingDated() throws {
        let dir = Paths.scratch("publisher-will")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        let publisher = Self.publisher(journal, port: 1) { state in
            var s = DeviceStatus(state: state, site: "s", device: "delivery-board")
            s.time = 1_790_000_000
            s.oldestUnsentTime = 1_789_000_000
            s.backlog = 12
            return s
        }
        let will = publisher.lastWill()
        #expect(will.state == "offline" && will.device == "delivery-board")
        #expect(will.time == nil && will.oldestUnsentTime == nil && will.backlog == nil)
    }
}
