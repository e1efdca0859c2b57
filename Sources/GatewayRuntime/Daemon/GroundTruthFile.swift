import CSystem
import GatewayCore
import SenML
import SimulatedBoard

/// Appends a simulated run's ground truth to a file as one JSON object per line (a restarted run appends its
/// own line; a reader adds up the lines of a scenario):
/// `{"site":…,"from":s,"to":s,"truth":[{"channel":…,"period":"FY2027"|"2027-04","kind":"total"|"mean","unit":…,"value":…,"seconds":…}]}`
enum GroundTruthFile {
    /// Returns what went wrong, or nil when the line was written.
    static func append(_ truth: GroundTruth, site: Site, to path: String) -> String? {
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
        json.endObject()
        var bytes = json.bytes
        bytes.append(UInt8(ascii: "\n"))
        guard let file = fopen(path, "a") else { return "cannot open for appending (errno \(sgw_errno()))" }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        return written == bytes.count && closed == 0 ? nil : "write failed (errno \(sgw_errno()))"
    }
}
