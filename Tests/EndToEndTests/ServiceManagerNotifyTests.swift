import Foundation
import Testing
import TestSupport

/// Under systemd (`Type=notify`, `WatchdogSec=`), the gateway says READY=1 once it samples and pets the watchdog
/// from its sampling loop; a SIGTERM says STOPPING=1. Checked on a real notify socket, as systemd listens.
@Suite(.serialized) struct ServiceManagerNotifyTests {
    @Test func readyThenWatchdogThenStopping() throws {
        let dir = Paths.scratch("notify")
        let broker = try MosquittoBroker(directory: dir)
        let socketPath = dir + "/notify.sock"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in socketPath.utf8.enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)

        let gateway = try ChildProcess(Paths.binary("sensor-gateway"), [
            "run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml", "--simulate",
            "--broker", broker.address, "--state-dir", dir + "/state"],
            logDirectory: dir, name: "gateway",
            // A 2 s watchdog: the gateway must pet it about every second.
            environment: ["NOTIFY_SOCKET": socketPath, "WATCHDOG_USEC": "2000000"])
        defer { gateway.kill(SIGKILL) }

        var messages: [String] = []
        func receive(for seconds: Double) {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) == 1 else { continue }
                var buffer = [UInt8](repeating: 0, count: 1024)
                let n = recv(fd, &buffer, buffer.count, 0)
                if n > 0 { messages.append(String(decoding: buffer[0..<n], as: UTF8.self)) }
            }
        }
        receive(for: 4.5)
        let ready = try #require(messages.firstIndex { $0.hasPrefix("READY=1") }, "no READY=1: \(messages) \(gateway.output)")
        #expect(messages[ready].contains("STATUS=sampling"), "\(messages[ready])")
        let pets = messages[ready...].filter { $0 == "WATCHDOG=1" }.count
        #expect(pets >= 3, "petted \(pets) times in about 4 s with a 2 s watchdog: \(messages)")
        gateway.kill(SIGTERM)
        receive(for: 2)
        #expect(messages.contains("STOPPING=1"), "\(messages)")
    }
}
