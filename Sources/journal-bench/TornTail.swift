import ArgumentParser
import Foundation
import Glibc

/// Checks the segment prototype's torn-tail rule the way a power cut would exercise it: a file cut at
/// random byte offsets, or with its last bytes garbled, must reopen to exactly the whole records before the
/// damage.
struct TornTail: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "torn-tail", abstract: "Cut and garble a segment file; check recovery keeps a whole-record prefix.")
    @Option var dir: String
    @Option var trials = 200

    func run() throws {
        let path = dir + "/torn.log"
        var rng = SystemRandomNumberGenerator()
        let records = (0..<500).map { i in (SegmentJournal.Kind.reading, Array("reading \(i) ".utf8) + [UInt8](repeating: UInt8(i & 0xFF), count: Int.random(in: 0...200, using: &rng))) }
        var ends: [Int] = []
        var offset = 0
        for r in records { offset += SegmentJournal.headerBytes + r.1.count; ends.append(offset) }
        var failures = 0
        for trial in 0..<trials {
            unlink(path)
            try SegmentJournal(path: path).append(records, sync: false)
            let cut = Int.random(in: 0...offset, using: &rng)
            truncate(path, off_t(cut))
            if trial % 2 == 1, cut > 0 {
                // A torn sector may hold garbage rather than end early.
                let fd = open(path, O_WRONLY)
                var junk = UInt8.random(in: 0...255, using: &rng)
                pwrite(fd, &junk, 1, off_t(Int.random(in: max(0, cut - 64)..<cut, using: &rng)))
                close(fd)
            }
            let expectedMax = ends.filter { $0 <= cut }.count
            let got = try SegmentJournal(path: path).recoveredRecords
            // Garbling can only cost the record it hit and what follows, never let a bad one through.
            if got > expectedMax || (trial % 2 == 0 && got != expectedMax) { failures += 1 }
        }
        print("torn-tail: \(trials) cut files (half with a garbled byte before the cut), \(failures) recovered anything but a whole-record prefix")
        if failures > 0 { throw ExitCode(1) }
    }
}
