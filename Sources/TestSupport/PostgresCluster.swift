import Foundation

/// A private PostgreSQL 15 cluster for one test suite: initdb into a temporary folder, the server listening
/// only on a unix socket there (no TCP port), stopped and deleted at deinit. Debian's binaries from
/// /usr/lib/postgresql/15/bin (package postgresql-15, installed by Deploy/dev/install-build-deps.sh). As root
/// (CI containers) the server runs as the `postgres` user, as PostgreSQL refuses to run as root.
public final class PostgresCluster {
    public static let binaries = "/usr/lib/postgresql/15/bin"
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binaries + "/pg_ctl") }

    public let directory: String
    private var running = false

    public init() throws {
        directory = NSTemporaryDirectory() + "sgw-pg-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if geteuid() == 0 { try run("/bin/chown", ["postgres", directory], asServerUser: false) }
        try run(Self.binaries + "/initdb", ["-D", directory + "/data", "-A", "trust", "-U", "sgw", "--no-sync", "-E", "UTF8",
                                            "--locale=C"])
        try run(Self.binaries + "/pg_ctl", ["-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "30",
                                            "-o", "-k \(directory) -c listen_addresses= -F -c max_connections=40", "start"])
        running = true
    }

    /// A libpq URI for database `name` (created on first use).
    public func uri(database name: String = "postgres") throws -> String {
        if name != "postgres" {
            try run(Self.binaries + "/createdb", ["-h", directory, "-U", "sgw", name])
        }
        return "postgresql:///\(name)?host=\(directory)&user=sgw"
    }

    public var serverLog: String { (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? "" }

    deinit { stop() }

    public func stop() {
        if running { try? run(Self.binaries + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"]) }
        running = false
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// One cluster for a whole test process, stopped when the process exits (a static is never deinitialised).
    public static func shared() throws -> PostgresCluster {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let c = sharedCluster { return c }
        let c = try PostgresCluster()
        sharedCluster = c
        atexit { PostgresCluster.sharedCluster?.stop() }
        return c
    }

    nonisolated(unsafe) private static var sharedCluster: PostgresCluster?
    private static let sharedLock = NSLock()

    /// Runs a PostgreSQL tool to its end. posix_spawn and waitpid rather than Foundation's Process, which
    /// waits for every holder of a descriptor it shares with the child: pg_ctl leaves the server running.
    private func run(_ executable: String, _ arguments: [String], asServerUser: Bool = true) throws {
        let viaRunuser = asServerUser && geteuid() == 0
        let argv = viaRunuser ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        let logPath = directory + "/tools.log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Test threads block every signal and a child inherits the mask; pg_ctl and runuser wait on signals.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for a in cArguments { free(a) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, environ)
        guard rc == 0 else { throw MosquittoBroker.BrokerError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw MosquittoBroker.BrokerError("\(executable) \(arguments.joined(separator: " ")) failed (wait status \(status)): \(text.suffix(2000))")
        }
    }
}
