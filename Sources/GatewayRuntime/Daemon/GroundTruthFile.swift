import CSystem
import GatewayCore
import SenML
import SimulatedBoard

/// A simulated run's ground truth in a file, one JSON object per line and one line per run (a restarted run
/// appends its own; a reader adds up the lines of a scenario):
/// `{"site":…,"from":s,"to":s,"truth":[{"channel":…,"period":"FY2027"|"2027-04","kind":"total"|"mean","unit":…,"value":…,"seconds":…}],`
/// `"registers":[{"channel":…,"reading":…,"wraps":…}]}` (the meters' own registers, where the site declares them).
///
/// The run's line is rewritten after every journal commit, so after a SIGKILL it covers exactly the simulated
/// time whose readings the journal kept, and the next run, resuming from the journal, continues from there.
final class GroundTruthFile {
    let path: String
    private let descriptor: Int32
    /// Where this run's line starts: the end of the file when the run began.
    private let offset: Int
    private(set) var problem: String?

    init(path: String) {
        self.path = path
        descriptor = sgw_open_file(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        offset = descriptor >= 0 ? Int(lseek(descriptor, 0, SEEK_END)) : 0
        if descriptor < 0 { problem = "cannot open \(path) (errno \(sgw_errno()))" }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Writes this run's line as the truth now stands; returns false (and keeps `problem`) if it could not.
    @discardableResult
    func record(_ truth: GroundTruth, site: Site) -> Bool {
        guard descriptor >= 0 else { return false }
        let bytes = GroundTruthFile.line(truth, site: site)
        let written = bytes.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard written == bytes.count, ftruncate(descriptor, off_t(offset + bytes.count)) == 0 else {
            problem = "cannot write \(path) (errno \(sgw_errno()))"
            return false
        }
        return true
    }

    static func line(_ truth: GroundTruth, site: Site) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 4096)
        json.beginObject()
        json.key("site"); json.string(site.id.rawValue)
        json.key("from"); json.seconds(milliseconds: truth.from?.milliseconds ?? 0)
        json.key("to"); json.seconds(milliseconds: truth.to?.milliseconds ?? 0)
        json.key("truth")
        json.beginArray()
        for entry in truth.entries {
            json.beginObject()
            json.key("channel"); json.string(entry.channel)
            json.key("period"); json.string(entry.period)
            json.key("kind"); json.string(entry.kind.rawValue)
            json.key("unit"); json.string(entry.unit)
            json.key("value"); json.number(entry.value)
            json.key("seconds"); json.number(entry.seconds)
            json.endObject()
        }
        json.endArray()
        // Each declared meter register as a technician would read it at the end of the run.
        json.key("registers")
        json.beginArray()
        for (channel, register) in truth.registers.sorted(by: { $0.key < $1.key }) {
            json.beginObject()
            json.key("channel"); json.string(channel)
            json.key("reading"); json.number(register.reading)
            json.key("wraps"); json.number(Double(register.wraps))
            json.endObject()
        }
        json.endArray()
        json.endObject()
        var bytes = json.bytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
