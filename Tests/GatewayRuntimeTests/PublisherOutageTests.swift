import Foundation
import GatewayCore
import Journal
import BoardLog
import MQTTTransport
import SenML
import Testing
import TestSupport
@testable import GatewayRuntime

/// A broker that is away must cost the board nothing but the reconnect attempts: the publisher sleeps until
/// the next one instead of spinning a core (issue 11: 60 s of CPU a minute, measured, before this).
@Suite(.serialized) struct PublisherOutageTests {
    @Test func whileTheBrokerIsAwayThePublisherSleeps() throws {
        let dir = NSTemporaryDirectory() + "publisher-outage-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        // A free loopback port nobody listens on: connecting is refused at once, like a broker that is down.
        let port = try MosquittoBroker.freePort()
        let device = DeviceID("outage-board")
        let publisher = Publisher(
            settings: .init(options: MQTTConnectionOptions(host: "127.0.0.1", port: port, clientID: "sgw-outage-test"),
                            device: device, dataTopic: "t/s/outage-board/data", statusTopic: "t/s/outage-board/status",
                            resendTopic: "t/s/outage-board/resend"),
            journal: journal, log: Logger(label: "publisher-test"),
            status: { DeviceStatus(state: $0, site: "s", device: "outage-board") })
        publisher.start()
        defer { publisher.stop() }
        Thread.sleep(forTimeInterval: 0.5)
        let before = Self.publisherThreadCPUSeconds()
        #expect(before != nil, "no thread named sgw-publisher in this process")
        let wallSeconds = 4.0
        Thread.sleep(forTimeInterval: wallSeconds)
        let used = (Self.publisherThreadCPUSeconds() ?? .nan) - (before ?? 0)
        // Reconnect attempts at 1, 2, 4 s (jittered) cost microseconds each; 5 % of a core is generous.
        #expect(used < 0.05 * wallSeconds, "the publisher used \(used) s of CPU in \(wallSeconds) s with the broker away")
    }

    /// User plus system time of the publisher threads of this test process (other suites may run beside
    /// this one), from /proc/self/task/<tid>/stat fields 14 and 15; nil if there is no such thread.
    static func publisherThreadCPUSeconds() -> Double? {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return nil }
        var ticks = 0.0
        var found = false
        for tid in tasks {
            let dir = "/proc/self/task/\(tid)"
            guard (try? String(contentsOfFile: dir + "/comm", encoding: .utf8))?.hasPrefix("sgw-publisher") == true,
                  let stat = try? String(contentsOfFile: dir + "/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
            ticks += user + system
            found = true
        }
        return found ? ticks / Double(sysconf(Int32(_SC_CLK_TCK))) : nil
    }
}
