import Foundation
import Testing
import TestSupport

/// Under systemd (`Type=notify`, `WatchdogSec=`), the gateway says READY=1 once it samples and pets the watchdog
/// from its sampling loop; a SIGTERM says STOPPING=1. Checked on a real notify socket, as systemd listens.
@Suite(.serialized) struct ServiceManagerNotifyTests {
    @Test func readyThenWatchdogThenStopping() throws {
        let dir = Paths.scratch("notify")
        let broker = try MosquittoBroker(directory: dir)
        let systemd = try NotifySocket(path: dir + "/notify.sock")

        let gateway = try ChildProcess(Paths.binary("sensor-gateway"), [
            "run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml", "--simulate",
            "--broker", broker.address, "--state-dir", dir + "/state"],
            logDirectory: dir, name: "gateway",
            // A 2 s watchdog: the gateway must pet it about every second.
            environment: ["NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "2000000"])
        defer { gateway.kill(SIGKILL) }

        systemd.receive(for: 4.5)
        var messages = systemd.messages.map(\.text)
        let ready = try #require(messages.firstIndex { $0.hasPrefix("READY=1") }, "no READY=1: \(messages) \(gateway.output)")
        #expect(messages[ready].contains("STATUS=sampling"), "\(messages[ready])")
        let pets = messages[ready...].filter { $0 == "WATCHDOG=1" }.count
        #expect(pets >= 3, "petted \(pets) times in about 4 s with a 2 s watchdog: \(messages)")
        gateway.kill(SIGTERM)
        systemd.receive(for: 2)
        messages = systemd.messages.map(\.text)
        #expect(messages.contains("STOPPING=1"), "\(messages)")
    }
}
