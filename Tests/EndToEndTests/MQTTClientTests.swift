import Foundation
import MQTTTransport
import Testing
import TestSupport

/// libmosquitto against a real Mosquitto broker.
@Suite(.serialized) struct MQTTClientTests {
    @Test func publishIsAcknowledgedAndDeliveredToASubscriber() throws {
        let broker = try MosquittoBroker(directory: Paths.scratch("mqtt"))
        let sub = try MQTTClient(.init(host: "127.0.0.1", port: broker.port, clientID: "sub"))
        try sub.connect()
        #expect(sub.pollUntil(timeoutMilliseconds: 3000) { $0 == .connected(reasonCode: 0, sessionPresent: false) }.contains(.connected(reasonCode: 0, sessionPresent: false)))
        try sub.subscribe("t/#")
        _ = sub.pollUntil(timeoutMilliseconds: 3000) { if case .subscribed = $0 { true } else { false } }

        let pub = try MQTTClient(.init(host: "127.0.0.1", port: broker.port, clientID: "pub"))
        try pub.connect()
        _ = pub.pollUntil(timeoutMilliseconds: 3000) { if case .connected = $0 { true } else { false } }
        let mid = try pub.publish(MQTTMessage(topic: "t/1", text: "hello"))
        let acks = pub.pollUntil(timeoutMilliseconds: 3000) { if case .acknowledged = $0 { true } else { false } }
        #expect(acks.contains(.acknowledged(messageID: mid, reasonCode: 0)))
        let got = sub.pollUntil(timeoutMilliseconds: 3000) { if case .message = $0 { true } else { false } }
        #expect(got.contains(.message(MQTTMessage(topic: "t/1", text: "hello", qos: 1))))
    }

    /// The way the publisher drives a client: its own poll(2) on `socketDescriptor`, then `service`.
    @Test func drivenByTheCallersPollTheClientSeesConnackPubackAndTheBrokerGoing() throws {
        let broker = try MosquittoBroker(directory: Paths.scratch("mqtt-poll"))
        let c = try MQTTClient(.init(host: "127.0.0.1", port: broker.port, clientID: "poller", keepaliveSeconds: 5))
        #expect(c.socketDescriptor == nil, "no socket before the first connect")
        try c.connect()
        func waitFor(_ seconds: Double, _ predicate: (MQTTEvent) -> Bool) -> [MQTTEvent] {
            var seen: [MQTTEvent] = []
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, !seen.contains(where: predicate) {
                guard let fd = c.socketDescriptor else {
                    seen += c.service(readable: false, writable: false)
                    break
                }
                var p = pollfd(fd: fd, events: Int16(POLLIN) | (c.wantsWrite ? Int16(POLLOUT) : 0), revents: 0)
                let ready = poll(&p, 1, 200)
                seen += c.service(readable: ready > 0 && p.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0,
                                  writable: ready > 0 && p.revents & Int16(POLLOUT) != 0)
            }
            return seen
        }
        #expect(waitFor(5) { if case .connected = $0 { true } else { false } }.contains(.connected(reasonCode: 0, sessionPresent: false)))
        let mid = try c.publish(MQTTMessage(topic: "t/poll", text: "x"))
        // 0x10: accepted, though nobody subscribes to it.
        #expect(waitFor(5) { if case .acknowledged = $0 { true } else { false } }.contains(.acknowledged(messageID: mid, reasonCode: 0x10)))
        broker.stop()
        let after = waitFor(10) { if case .disconnected = $0 { true } else { false } }
        #expect(after.contains { if case .disconnected = $0 { true } else { false } }, "\(after)")
        #expect(c.socketDescriptor == nil, "libmosquitto closed the socket")
    }

    @Test func absentBrokerIsReportedAsUnreachableWithItsAddress() throws {
        let port = try MosquittoBroker.freePort()
        let c = try MQTTClient(.init(host: "127.0.0.1", port: port, clientID: "lonely"))
        do {
            try c.connect()
            Issue.record("connected to nothing")
        } catch {
            #expect(error.kind == .unreachable)
            #expect(error.description.contains("127.0.0.1:\(port)"))
        }
    }

    @Test func wrongPasswordIsRefusedWithTheBrokersReason() throws {
        let dir = Paths.scratch("mqtt-auth")
        let pw = dir + "/passwd"
        _ = FileManager.default.createFile(atPath: pw, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/mosquitto_passwd")
        p.arguments = ["-b", pw, "board1", "right"]
        try p.run(); p.waitUntilExit()
        try #require(p.terminationStatus == 0)
        let broker = try MosquittoBroker(directory: dir, extraConfig: ["password_file \(pw)"].map { $0 }, anonymous: false)
        let c = try MQTTClient(.init(host: "127.0.0.1", port: broker.port, clientID: "board1",
                                     credentials: .init(username: "board1", password: "wrong")))
        try c.connect()
        let events = c.pollUntil(timeoutMilliseconds: 3000) { if case .connected = $0 { true } else { false } }
        guard case .connected(let rc, _)? = events.first(where: { if case .connected = $0 { true } else { false } }) else {
            Issue.record("no CONNACK: \(events)")
            return
        }
        // Mosquitto 2.0 answers a wrong password with 0x87 "not authorized" rather than 0x86.
        #expect(rc == 0x87)
        #expect(mqttReasonText(rc).lowercased().contains("not authorized"))
    }

    @Test func backoffGrowsIsCappedAndJittered() {
        var b = ReconnectBackoff(initialSeconds: 1, maximumSeconds: 8, seed: 42)
        var delays: [Double] = []
        for _ in 0..<10 { delays.append(b.nextDelaySeconds()) }
        #expect(delays.allSatisfy { $0 > 0 && $0 <= 8 })
        #expect(Set(delays).count == delays.count, "jitter makes every delay differ")
        #expect(b.currentCeilingSeconds == 8)
        b.reset()
        #expect(b.currentCeilingSeconds == 1)
        // Two boards with different seeds do not retry in lockstep.
        var a1 = ReconnectBackoff(seed: 1), a2 = ReconnectBackoff(seed: 2)
        #expect(a1.nextDelaySeconds() != a2.nextDelaySeconds())
    }

    @Test func brokerAddressParsing() {
        #expect(parseBrokerAddress("127.0.0.1:1884")! == ("127.0.0.1", 1884))
        #expect(parseBrokerAddress("broker")! == ("broker", 1883))
        #expect(parseBrokerAddress("h:0") == nil)
        #expect(parseBrokerAddress(":1883") == nil)
    }
}
