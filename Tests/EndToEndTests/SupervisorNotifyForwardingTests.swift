import Foundation
import Testing
import TestSupport

/// The `.deb`'s unit runs `sgw-update supervise` as its main process (`Type=notify`, `WatchdogSec=`): the
/// supervisor must pass the gateway's READY=1 and watchdog pets on to systemd at the unit's own rhythm (half its
/// `WatchdogSec=`, whatever `--watchdog-seconds` says), and a wedged gateway must stop them, so that systemd's
/// watchdog restarts the unit. Checked here on a notify socket of the test's own, with the environment systemd
/// gives a unit's main process (NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID).
@Suite(.serialized) struct SupervisorNotifyForwardingTests {
    @Test func readyAndPetsReachSystemdAndStopWhenTheGatewayWedges() throws {
        let unit = try MainProcess(scratch: "supervise-notify")
        defer { withExtendedLifetime(unit) {} }   // killed when the test is done, not before
        let (systemd, supervisor, context) = (unit.systemd, unit.supervisor, unit.context)
        let ready = try unit.gatewayReady()
        #expect(ready.text == "READY=1\nSTATUS=sensor-gateway 0.1.0 ready", "\(ready.text)")
        let gatewayPID = unit.gatewayPID

        // Pets at half systemd's period (the gateway's sampling loop wakes at least once a second, so 1.5 to
        // 2.5 s apart): at least three in 6 s, never 3 s apart, and not at every pass of the loop.
        systemd.receive(for: 6)
        let pets = systemd.messages.filter { $0.text == "WATCHDOG=1" && $0.at >= ready.at }.map(\.at)
        #expect(pets.count >= 3, "\(pets.count) pets in about 6 s with WatchdogSec=3: \(context())")
        let gaps = zip(pets.dropFirst(), pets).map { $0.timeIntervalSince($1) }
        #expect(gaps.allSatisfy { $0 < 3 }, "gaps between pets \(gaps) with WatchdogSec=3: \(context())")
        if !gaps.isEmpty {
            let mean = gaps.reduce(0, +) / Double(gaps.count)
            #expect(mean >= 1.2, "pets \(mean) s apart on average, more often than half of WatchdogSec=3: \(context())")
        }
        #expect(supervisor.output.contains("watchdog: 3000 ms, systemd's"), "supervisor: \(supervisor.output)")

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
        #expect(Self.gatewayPID(root: unit.root) == gatewayPID, "the supervisor restarted the gateway: \(context())")
    }

    /// A gateway slow to stop while the supervisor restarts it (stopped here, so SIGTERM waits and the supervisor
    /// kills it only after its 10 s): systemd must go on hearing pets at the rhythm of a short `WatchdogSec=`
    /// through the stop and the restart, or it would kill the unit in the middle of the restart.
    @Test func petsKeepTheirRhythmWhileTheSupervisorRestartsAGatewaySlowToStop() throws {
        let unit = try MainProcess(scratch: "supervise-notify-restart")
        defer { withExtendedLifetime(unit) {} }   // killed when the test is done, not before
        let (systemd, supervisor, context, root) = (unit.systemd, unit.supervisor, unit.context, unit.root)
        let ready = try unit.gatewayReady()
        let gatewayPID = unit.gatewayPID
        systemd.receive(for: 2)

        kill(gatewayPID, SIGSTOP)
        #expect(FileManager.default.createFile(atPath: root + "/run/sgw-update/restart", contents: nil))
        let asked = Date()
        // The new gateway's READY=1 ends the restart; its pets follow at the usual rhythm.
        let restarted = systemd.receive(until: 30) { $0.contains { $0.text.hasPrefix("READY=1") && $0.at > asked } }
        #expect(restarted, "no READY=1 from a restarted gateway: \(context())")
        systemd.receive(for: 2)
        #expect(supervisor.output.contains("restart asked for: stopping sensor-gateway"), "supervisor: \(supervisor.output)")
        #expect(Date().timeIntervalSince(asked) > 10, "the stopped gateway was not waited for: \(context())")
        #expect(Self.gatewayPID(root: root).map { $0 != gatewayPID } == true, "no new gateway: \(context())")

        // One pet every half of WatchdogSec=3 (1.5 s) from the first gateway's, through the 10 s stop, to the new one's.
        let pets = systemd.messages.filter { $0.text == "WATCHDOG=1" && $0.at >= ready.at }.map(\.at)
        let gaps = zip(pets.dropFirst(), pets).map { $0.timeIntervalSince($1) }
        #expect(pets.filter { $0 > asked }.count >= 7, "\(pets.count) pets over a restart of more than 10 s: \(context())")
        #expect(gaps.allSatisfy { $0 < 3 }, "gaps between pets \(gaps) with WatchdogSec=3: \(context())")
    }

    /// systemd's watchdog on another process (WATCHDOG_PID not the supervisor's): `--watchdog-seconds` is
    /// offered to the gateway, whose pets still reach the notify socket at half of it.
    @Test func anotherProcesssWatchdogLeavesTheSupervisorsOwnPeriod() throws {
        let dir = Paths.scratch("supervise-notify-other-pid")
        let broker = try MosquittoBroker(directory: dir)
        let root = try Self.installRoot(dir)
        let systemd = try NotifySocket(path: dir + "/systemd-notify.sock")
        let supervisor = try ChildProcess(Paths.binary("sgw-update"), [
            "supervise", "--root", root, "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml",
            "--broker", broker.address, "--simulate", "--watchdog-seconds", "2"],
            logDirectory: dir, name: "supervisor",
            environment: ["NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "1"])
        defer {
            supervisor.kill(SIGKILL)
            if let pid = Self.gatewayPID(root: root) { kill(pid, SIGKILL) }
        }
        let context = { "\(systemd.messages)\nsupervisor: \(supervisor.output)" }
        _ = systemd.receive(until: 30) { $0.contains { $0.text.hasPrefix("READY=1") } }
        let ready = try #require(systemd.messages.first { $0.text.hasPrefix("READY=1") }, "no READY=1: \(context())")
        systemd.receive(for: 4)
        let pets = systemd.messages.filter { $0.text == "WATCHDOG=1" && $0.at >= ready.at }
        #expect(pets.count >= 3, "\(pets.count) pets in about 4 s with --watchdog-seconds 2: \(context())")
        #expect(supervisor.output.contains("watchdog: 2000 ms, offered to the gateway (--watchdog-seconds"),
                "supervisor: \(supervisor.output)")
    }

    /// A watchdog setting systemd never gives, or one the gateway cannot keep, stops the supervisor before it
    /// starts the gateway, with what was found, the likely cause and what to do.
    @Test func anUnusableWatchdogSettingIsRefusedWithWhatToDo() throws {
        let dir = Paths.scratch("supervise-notify-refused")
        let root = try Self.installRoot(dir)
        let cases: [(usec: String, says: [String])] = [
            ("30s", ["WATCHDOG_USEC=30s", "cannot be read", "set by hand", "WatchdogSec="]),
            ("0", ["WATCHDOG_USEC=0", "cannot be read"]),
            ("500000", ["500 ms is too short", "WATCHDOG_USEC=500000", "Set WatchdogSec= to 2 s or more"]),
        ]
        for (index, (usec, says)) in cases.enumerated() {
            let supervisor = try ChildProcess(Paths.binary("sgw-update"), [
                "supervise", "--root", root, "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml",
                "--broker", "127.0.0.1:1", "--simulate"],
                logDirectory: dir, name: "supervisor-\(index)",
                environment: ["NOTIFY_SOCKET": dir + "/nobody.sock", "WATCHDOG_USEC": usec])
            defer { supervisor.kill(SIGKILL) }
            let status = supervisor.wait(seconds: 10)
            #expect(status == 1, "WATCHDOG_USEC=\(usec): exit status \(String(describing: status)): \(supervisor.output)")
            for text in says { #expect(supervisor.output.contains(text), "WATCHDOG_USEC=\(usec): \(supervisor.output)") }
            #expect(Self.gatewayPID(root: root) == nil, "WATCHDOG_USEC=\(usec) started a gateway: \(supervisor.output)")
        }
    }

    /// `sgw-update supervise` as a unit's main process with `WatchdogSec=3`, ten times shorter than its own default
    /// (--watchdog-seconds 30), so systemd must hear a pet about every 1.5 s, never 3 s apart: the environment
    /// systemd gives it (NOTIFY_SOCKET, WATCHDOG_USEC, and WATCHDOG_PID its own pid, which `exec` keeps from the
    /// shell), a broker, and an install root of its own. Gone with the test, the supervisor and gateway are killed.
    final class MainProcess {
        let root: String
        let systemd: NotifySocket
        let supervisor: ChildProcess
        private let broker: MosquittoBroker
        /// The first gateway's pid, once it is ready.
        private(set) var gatewayPID: pid_t = 0

        init(scratch name: String) throws {
            let dir = Paths.scratch(name)
            broker = try MosquittoBroker(directory: dir)
            root = try SupervisorNotifyForwardingTests.installRoot(dir)
            systemd = try NotifySocket(path: dir + "/systemd-notify.sock")
            supervisor = try ChildProcess("/bin/sh", [
                "-c", "WATCHDOG_PID=$$; export WATCHDOG_PID; exec \"$0\" \"$@\"", Paths.binary("sgw-update"),
                "supervise", "--root", root, "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml",
                "--broker", broker.address, "--simulate"],
                logDirectory: dir, name: "supervisor", environment: ["NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "3000000"])
        }

        deinit {
            supervisor.kill(SIGKILL)
            if gatewayPID > 0 { kill(gatewayPID, SIGCONT); kill(gatewayPID, SIGKILL) }
            if let pid = SupervisorNotifyForwardingTests.gatewayPID(root: root) { kill(pid, SIGKILL) }
        }

        /// What systemd heard and what the supervisor logged, for a failed expectation.
        func context() -> String { "\(systemd.messages)\nsupervisor: \(supervisor.output)" }

        /// The gateway's READY=1 as systemd hears it (within 30 s); the gateway's pid is then known.
        func gatewayReady() throws -> NotifySocket.Message {
            _ = systemd.receive(until: 30) { $0.contains { $0.text.hasPrefix("READY=1") } }
            let ready = try #require(systemd.messages.first { $0.text.hasPrefix("READY=1") }, "no READY=1: \(context())")
            gatewayPID = try #require(SupervisorNotifyForwardingTests.gatewayPID(root: root), "no gateway pid in health.json: \(context())")
            return ready
        }
    }

    /// An install root whose current slot runs the gateway under test.
    static func installRoot(_ dir: String) throws -> String {
        let root = dir + "/root"
        let slot = root + "/usr/lib/sensor-gateway/slots/0.1.0"
        try FileManager.default.createDirectory(atPath: slot, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: slot + "/sensor-gateway", withDestinationPath: Paths.binary("sensor-gateway"))
        try FileManager.default.createSymbolicLink(atPath: root + "/usr/lib/sensor-gateway/current", withDestinationPath: "slots/0.1.0")
        return root
    }

    /// The gateway's pid, from the supervisor's health record.
    static func gatewayPID(root: String) -> pid_t? {
        guard let data = FileManager.default.contents(atPath: root + "/run/sgw-update/health.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pid = object["pid"] as? Int, pid > 0 else { return nil }
        return pid_t(pid)
    }
}
