import Foundation
import Glibc

/// What the kernel counted for this process. `write_bytes` is what it caused to be written to the block
/// device: page-cache pages it dirtied, so a page rewritten after each fsync counts each time, which is the
/// SD card's view. `wchar` is what it handed to write(2).
struct ProcessCounters {
    var writeBytes: Int64
    var wchar: Int64
    var writeCalls: Int64
    var cpuSeconds: Double
    var wall: ContinuousClock.Instant

    static func now() -> ProcessCounters {
        var fields: [String: Int64] = [:]
        let text = (try? String(contentsOfFile: "/proc/self/io", encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":")
            if parts.count == 2 { fields[String(parts[0])] = Int64(parts[1].trimmingCharacters(in: .whitespaces)) }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return ProcessCounters(writeBytes: fields["write_bytes"] ?? -1, wchar: fields["wchar"] ?? -1,
                               writeCalls: fields["syscw"] ?? -1, cpuSeconds: cpu, wall: .now)
    }

    static func - (a: ProcessCounters, b: ProcessCounters) -> (writeBytes: Int64, wchar: Int64, writeCalls: Int64, cpuSeconds: Double, wallSeconds: Double) {
        let wall = (a.wall - b.wall).components
        return (a.writeBytes - b.writeBytes, a.wchar - b.wchar, a.writeCalls - b.writeCalls, a.cpuSeconds - b.cpuSeconds,
                Double(wall.seconds) + Double(wall.attoseconds) / 1e18)
    }
}
