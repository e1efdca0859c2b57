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

    /// Issue 16: a pack with a value that is not a finite number used to go out as `[]` and have every reading in
    /// it marked sent. Now that reading goes out as a fault record of its channel, the rest as numbers, and only
    /// what the broker acknowledged is marked sent.
    @Test func aNonFiniteValueGoesOutAsAFaultAndTheRestOfThePackAsNumbers() throws {
        let dir = Paths.scratch("publisher-delivery")
        let broker = try MosquittoBroker(directory: dir)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite", markDelay: .zero)
        try journal.record([Self.reading(1, 21.5), Self.reading(2, .infinity)], states: [])
        let watcher = try MQTTClient(MQTTConnectionOptions(host: "127.0.0.1", port: broker.port, clientID: "delivery-watcher"))
        try watcher.connect()
        _ = watcher.pollUntil(timeoutMilliseconds: 5000) { if case .connected = $0 { true } else { false } }
        try watcher.subscribe("t/s/delivery-board/data")
        let publisher = Self.publisher(journal, port: broker.port)
        publisher.start()
        defer { publisher.stop() }
        let data = watcher.pollUntil(timeoutMilliseconds: 10_000) {
            if case .message(let m) = $0 { m.text.contains("\"seq\":2") } else { false }
        }
        let payload = data.compactMap { if case .message(let m) = $0 { m.text } else { nil } }.joined()
        #expect(payload.contains(#""seq":1"#) && payload.contains(#""v":21.5"#), "\(payload)")
        #expect(payload.contains(#""q":"fault""#) && !payload.contains(":inf") && !payload.contains("null"), "\(payload)")
        #expect(eventually(10) { try journal.all().allSatisfy { $0.sentAt != nil } }, "both readings acknowledged and marked")
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
