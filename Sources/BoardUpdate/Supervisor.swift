import CSystem
import BoardLog
import SystemdNotify

/// `sgw-update supervise`: runs `current/sensor-gateway` with the gateway's arguments, offers it an sd_notify
/// socket (NOTIFY_SOCKET, WATCHDOG_USEC) and records READY=1 and watchdog pets for the health gate, restarts it
/// when it exits or an install asks, and undoes an install whose installer died. Under systemd it passes
/// READY=1 and the pets on, so the unit's watchdog still watches the gateway: the gateway is offered the unit's
/// own period (`SupervisorWatchdog`), so its pets reach systemd at half of it; while the supervisor itself stops or
/// restarts the gateway it pets at that rhythm, so a short `WatchdogSec=` does not kill the unit mid-restart.
public struct Supervisor {
    public let root: InstallRoot
    public let gatewayArguments: [String]
    public let watchdog: SupervisorWatchdog
    /// The gateway's broker and login, recorded for an install's health gate (nil: record none).
    public let broker: GatewayBrokerRecord?
    public let log: Logger

    public init(root: InstallRoot, gatewayArguments: [String], watchdog: SupervisorWatchdog, broker: GatewayBrokerRecord? = nil,
                log: Logger) {
        self.broker = broker
        self.root = root
        self.gatewayArguments = gatewayArguments
        self.watchdog = watchdog
        self.log = log
    }

    public func run() throws(UpdateError) -> Never {
        try root.prepare()
        try FileOperations.writeAtomically(root.supervisorPID, text: "\(getpid())\n")
        try broker?.write(root.gatewayBroker)
        let socket = sgw_bind_unix_datagram(root.notifySocket)
        guard socket >= 0 else { throw UpdateError.system("opening the notify socket", at: root.notifySocket) }
        sgw_ignore_signal(SIGPIPE)
        let recovery = Recovery(root: root, log: log)
        recovery.recover()
        unlink(root.restartRequest)
        let systemd = ServiceManager()
        var health = HealthRecord()
        log.notice("watchdog: \(watchdog.microseconds / 1000) ms, " + (watchdog.fromSystemd
            ? "systemd's (WatchdogSec=), offered to the gateway, whose pets are passed on"
            : "offered to the gateway (--watchdog-seconds: systemd set no watchdog on the supervisor)"))
        while true {
            let version = root.currentVersion() ?? "unknown"
            if version != health.version { health.exits = 0 }
            health.version = version
            let environment = ["NOTIFY_SOCKET=" + root.notifySocket, "WATCHDOG_USEC=\(watchdog.microseconds)"]
            // systemd gives its main process WATCHDOG_PID (this supervisor's pid); left in the gateway's environment
            // it would tell the gateway's sd_watchdog_enabled that the watchdog is someone else's, and it would
            // never pet. The gateway's watchdog is the supervisor's socket alone.
            guard let pid = ProgramRun.spawn([root.currentProgram] + gatewayArguments, environment: environment,
                                             removing: ["WATCHDOG_PID"]) else {
                log.error("cannot start \(root.currentProgram): \(FileOperations.errnoText()); retrying in 1 s")
                health.exits += 1
                health.lastExitStatus = 127
                health.pid = 0
                health.write(root.health)
                FileOperations.sleep(milliseconds: 1000)
                _ = recovery.recover(cleaning: false)
                continue
            }
            log.notice("started sensor-gateway \(version) (pid \(pid))")
            health.pid = Int64(pid)
            health.startedMilliseconds = FileOperations.nowMilliseconds()
            health.readyMilliseconds = 0
            health.watchdogMilliseconds = 0
            health.write(root.health)
            var lastRecovery = health.startedMilliseconds
            while true {
                var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                if CSystem.poll(&descriptor, 1, 200) > 0 {
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    while true {
                        let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                        if n <= 0 { break }
                        let text = String(decoding: buffer[0..<n], as: UTF8.self)
                        let now = FileOperations.nowMilliseconds()
                        for line in text.split(separator: "\n") {
                            if line == "READY=1" { health.readyMilliseconds = now; systemd.ready(status: "sensor-gateway \(version) ready") }
                            if line == "WATCHDOG=1" { health.watchdogMilliseconds = now; systemd.alive() }
                        }
                        health.write(root.health)
                    }
                }
                if let status = ProgramRun.poll(pid) {
                    health.exits += 1
                    health.lastExitStatus = Int64(status)
                    health.pid = 0
                    health.write(root.health)
                    log.error("sensor-gateway \(version) exited with status \(status); restarting in 1 s")
                    _ = wait(upToMilliseconds: 1000, petting: systemd) { false }
                    break
                }
                if FileOperations.exists(root.restartRequest) {
                    unlink(root.restartRequest)
                    log.notice("restart asked for: stopping sensor-gateway \(version)")
                    stop(pid, petting: systemd)
                    break
                }
                let now = FileOperations.nowMilliseconds()
                if now - lastRecovery >= 1000 {
                    lastRecovery = now
                    if recovery.recover(cleaning: false) {
                        stop(pid, petting: systemd)
                        break
                    }
                }
            }
        }
    }

    /// SIGTERM, up to 10 s for the final commit, then SIGKILL. systemd hears the supervisor's own pets meanwhile.
    private func stop(_ pid: pid_t, petting systemd: ServiceManager) {
        kill(pid, SIGTERM)
        if !wait(upToMilliseconds: 10_000, petting: systemd, until: { ProgramRun.poll(pid) != nil }) {
            kill(pid, SIGKILL)
            _ = ProgramRun.wait(pid)
        }
    }

    /// Waits up to `milliseconds` for `done`, petting systemd's watchdog itself at half the period (as the
    /// gateway does) meanwhile: while the supervisor stops or restarts the gateway no pets come to pass on, and
    /// a stop may take 10 s, longer than a short `WatchdogSec=`. A wedged gateway is still left unpetted: the
    /// supervisor pets only for waits of its own, which end. True when `done` came true in time.
    private func wait(upToMilliseconds milliseconds: Int64, petting systemd: ServiceManager, until done: () -> Bool) -> Bool {
        var pacer = WatchdogPacer(intervalNanoseconds: Int64(clamping: watchdog.microseconds) * 500)
        let deadline = sgw_clock_milliseconds(CLOCK_MONOTONIC) + milliseconds
        while !done() {
            let now = sgw_clock_milliseconds(CLOCK_MONOTONIC)
            if pacer.due(nowNanoseconds: now * 1_000_000) { systemd.alive() }
            if now >= deadline { return false }
            FileOperations.sleep(milliseconds: 50)
        }
        return true
    }
}
