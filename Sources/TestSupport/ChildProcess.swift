import Foundation

/// A program under test, run as a real subprocess with its output captured to a file for post-mortems.
public final class ChildProcess {
    public let process = Process()
    public let logPath: String
    public let name: String

    private var input: Pipe?

    public init(_ executable: String, _ arguments: [String], logDirectory: String, name: String,
                standardInput: Bool = false, environment: [String: String] = [:]) throws {
        self.name = name
        logPath = logDirectory + "/\(name).log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)!
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardOutput = log
        process.standardError = log
        if standardInput {
            let pipe = Pipe()
            process.standardInput = pipe
            input = pipe
        }
        // Tests run on pool threads that block every signal, and a spawned child inherits that mask: Mosquitto
        // would then ignore SIGTERM (and never save its persistence file). Spawn with nothing blocked.
        var everything = sigset_t()
        var previous = sigset_t()
        sigemptyset(&everything)
        pthread_sigmask(SIG_SETMASK, &everything, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    /// Types `text` on the child's standard input (started with `standardInput: true`).
    public func send(_ text: String) {
        // A child that already exited must fail the test's expectations, not kill the runner with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? input?.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    public var isRunning: Bool { process.isRunning }
    public var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    public func kill(_ signal: Int32) {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
    }

    /// Waits for exit; returns the status, or nil if it did not exit in time (then it is killed).
    @discardableResult
    public func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            kill(SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    deinit { kill(SIGKILL) }
}

public enum Paths {
    /// The package root, found from this file's location.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// Where `swift build` put the executables: next to the test bundle, unless SGW_BIN_DIR says otherwise.
    public static let binaries: String = {
        if let dir = ProcessInfo.processInfo.environment["SGW_BIN_DIR"] { return dir }
        var url = Bundle.main.bundleURL
        for _ in 0..<3 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("sensor-gateway").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return packageRoot + "/.build/debug"
    }()

    /// An executable by product name. `SGW_GATEWAY_BIN` names the board program to test instead of the one
    /// beside the tests: Tests/run-all.sh points it at the Embedded build, so end-to-end tests prove what ships.
    /// The board's updater is `SGW_UPDATE_BIN`, or the `sgw-update` the Embedded build puts beside that program.
    public static func binary(_ name: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        let gateway = environment["SGW_GATEWAY_BIN"].flatMap { $0.isEmpty ? nil : $0 }
        if name == "sensor-gateway", let gateway { return gateway }
        if name == "sgw-update" {
            if let updater = environment["SGW_UPDATE_BIN"], !updater.isEmpty { return updater }
            if let gateway {
                let beside = URL(fileURLWithPath: gateway).deletingLastPathComponent().appendingPathComponent("sgw-update").path
                if FileManager.default.isExecutableFile(atPath: beside) { return beside }
            }
        }
        return binaries + "/" + name
    }

    public static func scratch(_ label: String) -> String {
        let dir = NSTemporaryDirectory() + "sgw-\(label)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Polls `condition` until it holds or `seconds` pass. A condition that throws counts as not yet true
/// (a database still being created, a file not yet written).
public func eventually(_ seconds: Double, poll: Double = 0.1, _ condition: () throws -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
        if (try? condition()) == true { return true }
        Thread.sleep(forTimeInterval: poll)
    } while Date() < deadline
    return (try? condition()) == true
}
