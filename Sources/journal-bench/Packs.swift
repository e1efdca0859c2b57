import ArgumentParser
import Foundation
import Journal
import SenML

/// The journal's unsent readings as the publisher would send them: SenML packs of 50, one per line, for a
/// plain `mosquitto_pub -l` to publish the very same payloads.
struct Packs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print unsent readings as SenML packs of 50, one per line.")
    @Option var journal: String
    @Option var readingsPerMessage = 50

    func run() throws {
        let source = try ReadingJournal(path: journal)
        var cursor: Int64 = 0
        let out = FileHandle.standardOutput
        while true {
            let batch = try source.unsent(after: cursor, limit: readingsPerMessage)
            guard let last = batch.last else { break }
            var line = SenMLPack.encode(batch.map(\.reading))
            line.append(UInt8(ascii: "\n"))
            out.write(Data(line))
            cursor = last.rowID
        }
    }
}
