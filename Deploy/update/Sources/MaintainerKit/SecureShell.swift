import Foundation

/// The system's OpenSSH client, as the maintainer has it configured (~/.ssh/config and known_hosts, or
/// `--ssh-config`). One master connection per board is reused for every step (ControlMaster). Host keys are
/// always checked: `StrictHostKeyChecking=yes` is set on the command line, which no config file overrides, so an
/// unknown or changed host key ends the board's update; there is no option to turn that off.
public struct SecureShell: Sendable {
    public var configFile: String?
    public var controlDirectory: String
    public var connectTimeoutSeconds: Int

    public init(configFile: String?, controlDirectory: String, connectTimeoutSeconds: Int) {
        self.configFile = configFile
        self.controlDirectory = controlDirectory
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errorOutput: String
    }

    public var commonOptions: [String] {
        var options: [String] = []
        if let configFile { options += ["-F", configFile] }
        options += ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                    "-o", "ControlMaster=auto", "-o", "ControlPath=\(controlDirectory)/%C", "-o", "ControlPersist=60",
                    "-o", "ConnectTimeout=\(connectTimeoutSeconds)"]
        return options
    }

    public func run(_ destination: String, _ remote: [String]) -> Result {
        execute("/usr/bin/ssh", commonOptions + ["--", destination, remote.map(SecureShell.quoted).joined(separator: " ")])
    }

    public func copy(_ file: String, to destination: String, path: String) -> Result {
        // scp speaks SFTP (OpenSSH 9): the remote path is taken as it is, not through a shell.
        execute("/usr/bin/scp", commonOptions + ["-q", "--", file, "\(destination):\(path)"])
    }

    public func closeMaster(_ destination: String) {
        _ = execute("/usr/bin/ssh", commonOptions + ["-O", "exit", "--", destination])
    }

    /// Single quotes for the remote shell.
    public static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func execute(_ program: String, _ arguments: [String]) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return Result(status: 127, output: "", errorOutput: "cannot start \(program): \(error)")
        }
        // Read both pipes before waiting, so a chatty remote cannot fill one and stall.
        let errorData = LockedData()
        let reader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                      errorOutput: String(decoding: errorData.value, as: UTF8.self))
    }
}

/// Data handed from the stderr reader thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var done = false
    func set(_ value: Data) { lock.lock(); data = value; done = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return done }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
