import CSystem
import SenML

/// An install in progress: written before the switch, removed once the new version is confirmed or rolled
/// back. A supervisor or `sgw-update recover` that finds it with its installer gone switches back.
public struct TrialRecord: Sendable {
    public var version: String
    public var previous: String
    public var installerPID: Int64
    public var switchedMilliseconds: Int64

    public init(version: String, previous: String, installerPID: Int64, switchedMilliseconds: Int64) {
        self.version = version
        self.previous = previous
        self.installerPID = installerPID
        self.switchedMilliseconds = switchedMilliseconds
    }

    public static func read(_ path: String) -> TrialRecord? {
        guard let bytes = FileOperations.read(path, limit: 65536), let o = JSONObject(bytes),
              let version = o.strings["version"], let previous = o.strings["previous"] else { return nil }
        return TrialRecord(version: version, previous: previous, installerPID: o.integer("installerPID") ?? 0,
                           switchedMilliseconds: o.integer("switchedMilliseconds") ?? 0)
    }

    public func write(_ path: String) throws(UpdateError) {
        var json = JSONWriter()
        json.beginObject()
        json.key("installerPID"); json.integer(Int(installerPID))
        json.key("previous"); json.string(previous)
        json.key("switchedMilliseconds"); json.integer(Int(switchedMilliseconds))
        json.key("version"); json.string(version)
        json.endObject()
        try FileOperations.writeAtomically(path, json.bytes + [10])
    }

    /// True while the installer that wrote it still runs.
    public var installerRuns: Bool {
        installerPID > 0 && Int64(getpid()) != installerPID && kill(pid_t(installerPID), 0) == 0
    }
}

/// What the supervisor knows of the gateway it runs, for the health gate: which version, since when, whether it
/// said READY=1 and petted its watchdog (sd_notify), and how often this version exited.
public struct HealthRecord: Sendable {
    public var version: String = ""
    public var pid: Int64 = 0
    public var startedMilliseconds: Int64 = 0
    public var readyMilliseconds: Int64 = 0
    public var watchdogMilliseconds: Int64 = 0
    /// Exits of this version since the supervisor first started it.
    public var exits: Int64 = 0
    public var lastExitStatus: Int64 = 0

    public init() {}

    public static func read(_ path: String) -> HealthRecord? {
        guard let bytes = FileOperations.read(path, limit: 65536), let o = JSONObject(bytes) else { return nil }
        var r = HealthRecord()
        r.version = o.strings["version"] ?? ""
        r.pid = o.integer("pid") ?? 0
        r.startedMilliseconds = o.integer("startedMilliseconds") ?? 0
        r.readyMilliseconds = o.integer("readyMilliseconds") ?? 0
        r.watchdogMilliseconds = o.integer("watchdogMilliseconds") ?? 0
        r.exits = o.integer("exits") ?? 0
        r.lastExitStatus = o.integer("lastExitStatus") ?? 0
        return r
    }

    public func write(_ path: String) {
        var json = JSONWriter()
        json.beginObject()
        json.key("exits"); json.integer(Int(exits))
        json.key("lastExitStatus"); json.integer(Int(lastExitStatus))
        json.key("pid"); json.integer(Int(pid))
        json.key("readyMilliseconds"); json.integer(Int(readyMilliseconds))
        json.key("startedMilliseconds"); json.integer(Int(startedMilliseconds))
        json.key("version"); json.string(version)
        json.key("watchdogMilliseconds"); json.integer(Int(watchdogMilliseconds))
        json.endObject()
        try? FileOperations.writeAtomically(path, json.bytes + [10])
    }
}

/// The last update's outcome, one line the gateway reads at start and publishes in its retained status
/// (`update`), e.g. "0.1.2 rolled back to 0.1.0 at 1764500000: the new version exited 3 times at start".
public enum UpdateResult {
    public static func write(_ root: InstallRoot, _ line: String) {
        try? FileOperations.writeAtomically(root.updateResult, text: line + "\n")
    }

    public static func read(_ root: InstallRoot) -> String? {
        FileOperations.readText(root.updateResult, limit: 2048).map { String($0.prefix(while: { $0 != "\n" })) }
    }
}
