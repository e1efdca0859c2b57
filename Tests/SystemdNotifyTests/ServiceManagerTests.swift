import CSystem
import SystemdNotify
import Testing

/// sd_notify through a real datagram socket, the way systemd listens for a `Type=notify` unit.
@Suite(.serialized) struct ServiceManagerTests {
    @Test func readyAndWatchdogReachTheNotifySocket() throws {
        let path = "/tmp/sgw-notify-\(getpid()).sock"
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd); unlink(path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        setenv("NOTIFY_SOCKET", path, 1)
        setenv("WATCHDOG_USEC", "20000000", 1)
        setenv("WATCHDOG_PID", "\(getpid())", 1)
        defer { unsetenv("NOTIFY_SOCKET"); unsetenv("WATCHDOG_USEC"); unsetenv("WATCHDOG_PID") }

        let manager = ServiceManager()
        #expect(manager.watchdogIntervalNanoseconds == 10_000_000_000)
        manager.ready(status: "sampling 3 channels")
        manager.alive()
        #expect(receive(fd) == "READY=1\nSTATUS=sampling 3 channels")
        #expect(receive(fd) == "WATCHDOG=1")
    }

    @Test func outsideSystemdThereIsNoWatchdog() {
        unsetenv("WATCHDOG_USEC")
        #expect(ServiceManager().watchdogIntervalNanoseconds == nil)
    }

    private func receive(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 512)
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 2000) == 1 else { return nil }
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}
