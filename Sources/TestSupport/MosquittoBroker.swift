import Foundation

/// A private Mosquitto broker on a free loopback port, for one test.
public final class MosquittoBroker {
    public let port: Int32
    public let directory: String
    private var child: ChildProcess?

    /// `extraConfig` lines are appended to a loopback-only, anonymous listener config.
    /// `port` nil picks a free one; giving one lets a test start the broker where a client already waits.
    public init(directory: String, extraConfig: [String] = [], anonymous: Bool = true, port: Int32? = nil) throws {
        self.directory = directory
        self.port = try port ?? MosquittoBroker.freePort()
        let config = ["listener \(self.port) 127.0.0.1", "allow_anonymous \(anonymous)", "persistence false",
                      // Mosquitto's default of 1000 silently drops QoS 1 messages queued for a slow subscriber.
                      "max_queued_messages 0", "log_dest stderr", "log_type error", "log_type warning",
                      // As root, Mosquitto would switch to user "mosquitto", who cannot write a scratch folder.
                      "user \(String(cString: getpwuid(geteuid())!.pointee.pw_name))"] + extraConfig
        try config.joined(separator: "\n").write(toFile: directory + "/mosquitto.conf", atomically: true, encoding: .utf8)
        try start()
    }

    /// A broker running exactly `configuration`, e.g. a shipped config with its ports and paths adapted.
    /// `port` is the listener whose opening means the broker is up.
    public init(directory: String, configuration: String, port: Int32) throws {
        self.directory = directory
        self.port = port
        try configuration.write(toFile: directory + "/mosquitto.conf", atomically: true, encoding: .utf8)
        try start()
    }

    public var address: String { "127.0.0.1:\(port)" }

    /// What the running broker has logged so far (its config decides how much).
    public var log: String { child?.output ?? "" }

    public func start() throws {
        child = try ChildProcess(MosquittoBroker.executable, ["-c", directory + "/mosquitto.conf"],
                                 logDirectory: directory, name: "mosquitto-\(Int(Date().timeIntervalSince1970 * 1000))")
        guard eventually(10, { MosquittoBroker.accepts(port: port) }) else {
            throw BrokerError("mosquitto did not start on port \(port): \(child?.output ?? "")")
        }
    }

    /// SIGSTOP: the broker stops answering while its connections stay open, as behind a dead uplink; clients
    /// find out by their keepalive. Nothing queued is lost (unlike a restart without persistence).
    public func freeze() { child?.kill(SIGSTOP) }
    public func thaw() { child?.kill(SIGCONT) }

    /// SIGHUP: Mosquitto rereads its ACL and password files.
    public func reload() { child?.kill(SIGHUP) }

    public func stop() {
        child?.kill(SIGTERM)
        child?.wait(seconds: 5)
        child = nil
    }

    deinit { stop() }

    public static let executable: String = {
        for p in ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"]
        where FileManager.default.isExecutableFile(atPath: p) { return p }
        return "/usr/sbin/mosquitto"
    }()

    public struct BrokerError: Error, CustomStringConvertible {
        public var description: String
        public init(_ d: String) { description = d }
    }

    public static func freePort() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        guard ok else { throw BrokerError("no free loopback port") }
        return Int32(UInt16(bigEndian: addr.sin_port))
    }

    public static func accepts(port: Int32) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
