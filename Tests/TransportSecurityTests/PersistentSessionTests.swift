import Foundation
import MQTTTransport
import Testing
import TestSupport

/// The aggregator's persistent session on the shipped config keeps every reading published while it is away.
@Suite(.serialized) struct PersistentSessionTests {
    @Test func burstPublishedWhileTheAggregatorRestartsArrivesComplete() throws {
        let city = try CityBroker()
        let burst = 5_000
        do {
            let aggregator = try MQTTClient(city.aggregator(sessionExpirySeconds: 3600))
            #expect(try aggregator.connectAndAwaitConnack() == 0)
            try aggregator.subscribe("sgw/+/+/data", qos: 1)
            #expect(aggregator.pollUntil(timeoutMilliseconds: 5000) { $0.isSubscribed }.contains { $0.isSubscribed })
            aggregator.disconnect()
        }

        let board = try MQTTClient(city.board("well-07", tls: try city.issueBoard("well-07")))
        #expect(try board.connectAndAwaitConnack() == 0)
        var accepted = 0
        var sent = 0
        let deadline = Date().addingTimeInterval(120)
        while accepted < burst, Date() < deadline {
            // Keep libmosquitto's in-flight window full without queueing the whole burst in memory at once.
            while sent < burst, sent - accepted < 200 {
                try board.publish(MQTTMessage(topic: "sgw/kumamoto-07/well-07/data", text: "\(sent)"))
                sent += 1
            }
            accepted += board.poll(timeoutMilliseconds: 20).compactMap(\.acknowledgement).filter { $0.reason == 0 }.count
        }
        #expect(accepted == burst, "the broker acknowledged only \(accepted) of \(burst)")

        let restarted = try MQTTClient(city.aggregator(sessionExpirySeconds: 3600))
        try restarted.connect()
        var received = Set<String>()
        var resumed = false
        let until = Date().addingTimeInterval(120)
        while received.count < burst, Date() < until {
            for event in restarted.poll(timeoutMilliseconds: 50) {
                if case .connected(0, let sessionPresent) = event { resumed = sessionPresent }
                if let m = event.message { received.insert(m.text) }
            }
        }
        #expect(resumed, "the broker did not keep the aggregator's session")
        #expect(received.count == burst, "\(burst - received.count) of \(burst) readings lost")
        #expect(received == Set((0..<burst).map(String.init)))
    }
}
