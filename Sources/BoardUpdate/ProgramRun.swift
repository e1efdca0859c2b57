import CSystem

/// Starting other programs (tar, a slot's `sensor-gateway`) with posix_spawn: an argument list, never a shell.
public enum ProgramRun {
    public struct Finished: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        public let status: Int32
        public let output: String
    }

    /// Starts `arguments[0]` with the environment plus `environment` ("NAME=value") and without the variables named
    /// in `removing`; stdout to `outputFD` when given.
    /// `closing` are descriptors the child must not inherit (the other end of its output pipe).
    public static func spawn(_ arguments: [String], environment: [String] = [], removing: [String] = [],
                             outputFD: Int32? = nil, closing: [Int32] = []) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let outputFD {
            posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
            posix_spawn_file_actions_addclose(&actions, outputFD)
        }
        for fd in closing { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The supervisor's SIGCHLD and SIGPIPE settings are not the child's business: restore defaults.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        var envp: [UnsafeMutablePointer<CChar>?] = []
        let names = (environment.map { String($0.prefix(while: { $0 != "=" })) } + removing).map { $0 + "=" }
        if var entry = sgw_environ() {
            while let variable = entry.pointee {
                let text = String(cString: variable)
                if !names.contains(where: { text.hasPrefix($0) }) { envp.append(strdup(variable)) }
                entry += 1
            }
        }
        envp += environment.map { strdup($0) }
        envp.append(nil)
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        return rc == 0 ? pid : nil
    }

    /// Waits for `pid`; the exit status, or 128 + signal.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if sgw_errno() != EINTR { return 127 }
        }
        return decode(status)
    }

    /// Nil while `pid` runs.
    public static func poll(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        if rc == 0 { return nil }
        if rc < 0 { return 127 }
        return decode(status)
    }

    static func decode(_ status: Int32) -> Int32 {
        if sgw_exited(status) != 0 { return sgw_exit_status(status) }
        if sgw_signalled(status) != 0 { return 128 + sgw_term_signal(status) }
        return 127
    }

    /// Runs to the end and captures stdout (at most 64 KiB); stderr passes through.
    public static func run(_ arguments: [String], environment: [String] = [], timeoutMilliseconds: Int = 30_000) -> Finished {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return Finished(status: 127, output: "") }
        guard let pid = spawn(arguments, environment: environment, outputFD: fds[1], closing: [fds[0]]) else {
            close(fds[0]); close(fds[1])
            return Finished(status: 127, output: "")
        }
        close(fds[1])
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = FileOperations.nowMilliseconds() + Int64(timeoutMilliseconds)
        while true {
            var descriptor = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
            let left = deadline - FileOperations.nowMilliseconds()
            if left <= 0 { kill(pid, SIGKILL); break }
            let ready = CSystem.poll(&descriptor, 1, Int32(min(left, 1000)))
            if ready < 0 { if sgw_errno() == EINTR { continue }; break }
            if ready == 0 { continue }
            let n = chunk.withUnsafeMutableBytes { LibC.read(fds[0], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            if output.count < 65536 { output.append(contentsOf: chunk[0..<n]) }
        }
        close(fds[0])
        let status = wait(pid)
        return Finished(status: status, output: String(decoding: output, as: UTF8.self))
    }
}
