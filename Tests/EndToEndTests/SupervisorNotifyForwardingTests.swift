import Foundation
import Testing
import TestSupport

/// The `.deb`'s unit runs `sgw-update supervise` as its main process (`Type=notify`, `WatchdogSec=`): the
/// supervisor must pass the gateway's READY=1 and watchdog pets on to systemd, and a wedged gateway must stop
/// them, so that systemd's watchdog restarts the unit. Checked here on a notify socket of the test's own, with
/// the environment systemd gives a unit's main process (NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID).
@Suite(.serialized) struct SupervisorNotifyForwardingTests {
    @Test func readyAndPetsReachSystemdAndStopWhenTheGatewayWedges() throws {
        let dir = Paths.scratch("supervise-notify")
        let broker = try MosquittoBroker(directory: dir)
        let root = dir + "/root"
        let slot = root + "/usr/lib/sensor-gateway/slots/0.1.0"
        try FileManager.default.createDirectory(atPath: slot, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: slot + "/sensor-gateway", withDestinationPath: Paths.binary("sensor-gateway"))
        try FileManager.default.createSymbolicLink(atPath: root + "/usr/lib/sensor-gateway/current", withDestinationPath: "slots/0.1.0")
        let systemd = try NotifySocket(path: dir + "/systemd-notify.sock")

        // systemd sets WATCHDOG_PID to the main process's own pid: `exec` keeps the shell's.
        let supervisor = try ChildProcess("/bin/sh", [
            "-c", "WATCHDOG_PID=$$; export WATCHDOG_PID; exec \"$0\" \"$@\"", Paths.binary("sgw-update"),
            "supervise", "--root", root, "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml",
            "--broker", broker.address, "--simulate",
            // The gateway is offered a 2 s watchdog: it pets about every second.
            "--watchdog-seconds", "2"],
            logDirectory: dir, name: "supervisor",
            environment: ["NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "4000000"])
        var gatewayPID: pid_t = 0
        defer {
            supervisor.kill(SIGKILL)
            if gatewayPID > 0 { kill(gatewayPID, SIGCONT); kill(gatewayPID, SIGKILL) }
        }
        let context = { "\(systemd.messages)\nsupervisor: \(supervisor.output)" }

        _ = systemd.receive(until: 30) { $0.contains { $0.text.hasPrefix("READY=1") } }
        let ready = try #require(systemd.messages.first { $0.text.hasPrefix("READY=1") }, "no READY=1: \(context())")
        #expect(ready.text == "READY=1\nSTATUS=sensor-gateway 0.1.0 ready", "\(ready.text)")
        gatewayPID = try #require(Self.gatewayPID(root: root), "no gateway pid in health.json: \(context())")

        // Pets at the gateway's pace (1 s): at least four in 5 s, never 2 s apart, the last one recent.
        systemd.receive(for: 5)
        let pets = systemd.messages.filter { $0.text == "WATCHDOG=1" && $0.at >= ready.at }.map(\.at)
        #expect(pets.count >= 4, "\(pets.count) pets in about 5 s: \(context())")
        let gaps = zip(pets.dropFirst(), pets).map { $0.timeIntervalSince($1) }
        #expect(gaps.allSatisfy { $0 < 2 }, "gaps between pets \(gaps): \(context())")

        // A wedged gateway: no more pets reach systemd, which would then restart the unit.
        kill(gatewayPID, SIGSTOP)
        systemd.receive(for: 0.5)   // a pet already on its way
        let wedged = Date()
        systemd.receive(for: 4)
        let petsWhileWedged = systemd.messages.filter { $0.text == "WATCHDOG=1" && $0.at > wedged }
        #expect(petsWhileWedged.isEmpty, "pets while the gateway was stopped: \(context())")

        // Woken again, it pets again through the same supervisor.
        kill(gatewayPID, SIGCONT)
        let woken = Date()
        let resumed = systemd.receive(until: 5) { $0.contains { $0.text == "WATCHDOG=1" && $0.at > woken } }
        #expect(resumed, "no pets after SIGCONT: \(context())")
        #expect(Self.gatewayPID(root: root) == gatewayPID, "the supervisor restarted the gateway: \(context())")
    }

    /// The gateway's pid, from the supervisor's health record.
    static func gatewayPID(root: String) -> pid_t? {
        guard let data = FileManager.default.contents(atPath: root + "/run/sgw-update/health.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pid = object["pid"] as? Int, pid > 0 else { return nil }
        return pid_t(pid)
    }
}
