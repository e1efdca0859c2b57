import Foundation
import GatewayCore
import Yams

/// One sensor's calibration history as read from its file, with where each record sits so directory-wide
/// checks (duplicate ids, clashing instants) can point at both places.
struct CalibrationFile {
    struct Entry {
        var record: CalibrationRecord
        var node: Node
        var path: String
    }

    let file: String
    let entries: [Entry]
    let errors: [CalibrationError]

    /// Reads and checks `file`; every problem lands in `errors`.
    static func read(_ file: String) -> CalibrationFile {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            return CalibrationFile(file: file, entries: [], errors: [
                CalibrationError(file: file, line: nil, column: nil, keyPath: "", problem: .unreadableFile(reason: reason)),
            ])
        }
        return parse(text, file: file)
    }

    static func parse(_ text: String, file: String) -> CalibrationFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return CalibrationFile(file: file, entries: [], errors: [YAMLFailure.error(error, file: file)])
        }
        let diagnostics = Diagnostics(file: file)
        var entries: [Entry] = []
        switch root {
        case nil:
            break // only comments so far: a sensor with no calibrations yet
        case let .sequence(items)?:
            for (i, item) in items.enumerated() {
                let path = "[\(i)]"
                if let record = RecordParser.parse(item, path: path, diagnostics: diagnostics) {
                    entries.append(Entry(record: record, node: item, path: path))
                }
            }
        case let root?:
            diagnostics.report(.fileNotAList, at: root, path: "")
        }
        checkOneSensor(entries, file: file, diagnostics: diagnostics)
        checkAppendOnlyOrder(entries, diagnostics: diagnostics)
        return CalibrationFile(file: file, entries: entries, errors: diagnostics.errors)
    }

    private static func checkOneSensor(_ entries: [Entry], file: String, diagnostics: Diagnostics) {
        for (key, value) in [("channel", { (r: CalibrationRecord) in r.channel?.rawValue }),
                             ("serial", { (r: CalibrationRecord) in r.serial })] {
            guard let expected = entries.lazy.compactMap({ value($0.record) }).first else { continue }
            for entry in entries {
                if let found = value(entry.record), found != expected {
                    diagnostics.report(.differentSensor(key: key, expected: expected, found: found),
                                       at: entry.node.mapping?[key], path: "\(entry.path).\(key)")
                }
            }
        }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if let first = entries.first,
           !entries.contains(where: { $0.record.channel?.rawValue == name || $0.record.serial == name }) {
            diagnostics.report(.fileNameMismatch(fileName: URL(fileURLWithPath: file).lastPathComponent),
                               at: first.node, path: first.path)
        }
    }

    /// New records go at the end, so each must take force after the one above it.
    private static func checkAppendOnlyOrder(_ entries: [Entry], diagnostics: Diagnostics) {
        for (previous, entry) in zip(entries, entries.dropFirst()) where entry.record.validFrom <= previous.record.validFrom {
            diagnostics.report(.notAfterPreviousRecord(previousID: previous.record.id,
                                                       previousValidFrom: ISO8601Instant.format(previous.record.validFrom)),
                               at: entry.node.mapping?["valid-from"], path: "\(entry.path).valid-from")
        }
    }
}
