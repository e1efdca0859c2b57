import GatewayCore
import YAMLReader

/// One sensor's calibration history as read from its file, with where each record sits so directory-wide
/// checks (duplicate ids, clashing instants) can point at both places.
struct CalibrationFile {
    struct Entry {
        var record: CalibrationRecord
        var node: YAMLNode
        var path: String
    }

    let file: String
    let entries: [Entry]
    let errors: [CalibrationError]
    /// Problems found beyond the ones kept in `errors`.
    var notKept = 0

    /// Far above a lifetime of records for one sensor (a record is a few hundred bytes).
    static let largestBytes = 4 << 20

    /// Reads and checks `file`; every problem lands in `errors`.
    static func read(_ file: String) -> CalibrationFile {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file, limitBytes: largestBytes)
        } catch {
            let reason = switch error {
            case .notFound: "no such file"
            case .isFolder: "it is a folder, not a file"
            case .cannotRead(let reason): reason
            case .tooLarge(let size, let limit):
                "it is \(size) bytes, more than a calibration file can be (\(limit / (1 << 20)) MiB); is this the right file?"
            }
            return CalibrationFile(file: file, entries: [], errors: [
                CalibrationError(file: file, line: nil, column: nil, keyPath: "", problem: .unreadableFile(reason: reason)),
            ])
        }
        return parse(bytes, file: file)
    }

    static func parse(_ text: String, file: String) -> CalibrationFile {
        parse(Array(text.utf8), file: file)
    }

    static func parse(_ bytes: [UInt8], file: String) -> CalibrationFile {
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(bytes)
        } catch {
            return CalibrationFile(file: file, entries: [], errors: [YAMLFailure.error(error, file: file)])
        }
        guard let root, !root.isNull else {
            // A file with no records is a mistake (a truncated copy, a failed write), not a sensor with no
            // calibration: one that has none has no file.
            return CalibrationFile(file: file, entries: [], errors: [
                CalibrationError(file: file, line: nil, column: nil, keyPath: "", problem: .emptyFile),
            ])
        }
        let diagnostics = Diagnostics(file: file)
        var entries: [Entry] = []
        switch root.content {
        case let .sequence(items):
            for (i, item) in items.enumerated() {
                let path = "[\(i)]"
                if let record = RecordParser.parse(item, path: path, diagnostics: diagnostics) {
                    entries.append(Entry(record: record, node: item, path: path))
                }
            }
        default:
            diagnostics.report(.fileNotAList, at: root, path: "")
        }
        checkOneSensor(entries, file: file, diagnostics: diagnostics)
        checkAppendOnlyOrder(entries, diagnostics: diagnostics)
        return CalibrationFile(file: file, entries: entries, errors: diagnostics.errors, notKept: diagnostics.notKept)
    }

    private static func checkOneSensor(_ entries: [Entry], file: String, diagnostics: Diagnostics) {
        for (key, value) in [("channel", { (r: CalibrationRecord) in r.channel?.rawValue }),
                             ("serial", { (r: CalibrationRecord) in r.serial })] {
            guard let expected = entries.lazy.compactMap({ value($0.record) }).first else { continue }
            for entry in entries {
                if let found = value(entry.record), found != expected {
                    diagnostics.report(.differentSensor(key: key, expected: expected, found: found),
                                       at: entry.node[key], path: "\(entry.path).\(key)")
                }
            }
        }
        let fileName = PathText.lastComponent(of: file)
        let name = PathText.withoutExtension(fileName)
        if let first = entries.first,
           !entries.contains(where: { $0.record.channel?.rawValue == name || $0.record.serial == name }) {
            diagnostics.report(.fileNameMismatch(fileName: fileName),
                               at: first.node, path: first.path)
        }
    }

    /// New records go at the end, so each must take force after the one above it.
    private static func checkAppendOnlyOrder(_ entries: [Entry], diagnostics: Diagnostics) {
        for (previous, entry) in zip(entries, entries.dropFirst()) where entry.record.validFrom <= previous.record.validFrom {
            diagnostics.report(.notAfterPreviousRecord(previousID: previous.record.id,
                                                       previousValidFrom: ISO8601Instant.format(previous.record.validFrom)),
                               at: entry.node["valid-from"], path: "\(entry.path).valid-from")
        }
    }
}
