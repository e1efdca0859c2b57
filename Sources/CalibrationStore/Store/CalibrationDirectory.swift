import GatewayCore
import CSystem
import YAMLReader

/// The calibration files of one gateway (one site): every `*.yaml` directly in the directory, one per sensor.
/// Checks that span files live here.
struct CalibrationDirectory {
    let files: [CalibrationFile]
    let errors: [CalibrationError]
    /// Problems found beyond the ones kept in `errors`.
    var notKept = 0

    /// `replacing` substitutes the text a file is about to have, so the writer can check an append before
    /// touching the disk.
    static func read(_ directory: String, replacing: (file: String, text: String)? = nil) -> CalibrationDirectory {
        let names: [String]
        switch FolderListing.names(in: directory) {
        case .success(let listed): names = listed
        case .failure(let failure):
            return CalibrationDirectory(files: [], errors: [
                CalibrationError(file: directory, line: nil, column: nil, keyPath: "",
                                 problem: .unreadableFile(reason: failure.reason)),
            ])
        }
        var paths = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .map { PathText.join(directory, $0) }
        if let replacing, !paths.contains(replacing.file) { paths.append(replacing.file) }
        let files = paths.sorted().map { path in
            if let replacing, replacing.file == path { return CalibrationFile.parse(replacing.text, file: path) }
            return CalibrationFile.read(path)
        }
        return CalibrationDirectory(files: files, errors: files.flatMap { $0.errors } + crossFileErrors(files),
                                    notKept: files.reduce(0) { $0 + $1.notKept })
    }

    private static func crossFileErrors(_ files: [CalibrationFile]) -> [CalibrationError] {
        var errors: [CalibrationError] = []
        func report(_ problem: CalibrationProblem, _ file: CalibrationFile, _ entry: CalibrationFile.Entry, _ key: String) {
            let node = entry.node[key] ?? entry.node
            errors.append(CalibrationError(file: file.file, line: node.mark.line, column: node.mark.column,
                                           keyPath: "\(entry.path).\(key)", problem: problem))
        }
        func place(_ file: CalibrationFile, _ entry: CalibrationFile.Entry) -> String {
            "\(file.file):\(entry.node.mark.line)"
        }

        var firstByID: [String: String] = [:]
        // Two records that take force at one instant for one channel and purpose leave `current` undecided,
        // even when they sit in different sensors' files (a sensor swapped on the day it was calibrated).
        var byInstant: [String: (id: String, place: String)] = [:]
        for file in files {
            for entry in file.entries {
                let record = entry.record
                if let first = firstByID[record.id] {
                    report(.duplicateID(record.id, firstAt: first), file, entry, "id")
                } else {
                    firstByID[record.id] = place(file, entry)
                }
                guard let channel = record.channel else { continue }
                let key = "\(channel.rawValue)|\(record.method.purpose.rawValue)|\(record.validFrom.milliseconds)"
                if let other = byInstant[key] {
                    report(.sameInstant(channel: channel.rawValue, otherID: other.id, otherAt: other.place),
                           file, entry, "valid-from")
                } else {
                    byInstant[key] = (record.id, place(file, entry))
                }
            }
        }
        return errors
    }
}
