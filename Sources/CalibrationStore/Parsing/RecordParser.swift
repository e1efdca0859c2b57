import GatewayCore
import YAMLReader

/// One `- id: …` entry of a calibration file.
enum RecordParser {
    /// Notes may tell a story (why the sensor was recalibrated), but not a book.
    static let longestNotes = 4096

    static let commonKeys = ["id", "channel", "serial", "method", "valid-from", "measured-by",
                             "reference-instrument", "notes"]

    static func parse(_ node: YAMLNode, path: String, diagnostics: Diagnostics) -> CalibrationRecord? {
        guard let record = MappingReader(node, path: path, diagnostics: diagnostics,
                                         problem: .recordNotAMapping) else { return nil }
        let methodName = self.methodName(record)
        if let methodName {
            record.rejectUnknownKeys(allowed: commonKeys + MethodParser.keys(for: methodName))
        } else {
            // Without a known method only keys that no method uses can be called unknown.
            let anyMethodKeys = RecordMethod.Name.allCases.flatMap { MethodParser.keys(for: $0) }
            record.rejectUnknownKeys(allowed: commonKeys + anyMethodKeys)
        }

        let id = identifier("id", record, required: true)
        let channel = identifier("channel", record, required: false)
        let serial = self.serial(record)
        if record["channel"] == nil && record["serial"] == nil {
            diagnostics.report(.noSensor, at: node, path: path)
        }
        let validFrom = self.validFrom(record)
        let measuredBy = record.text("measured-by", required: true)
        let referenceInstrument = record.text("reference-instrument", required: true)
        let notes = record.text("notes", required: false, longest: longestNotes)
        let method = methodName.flatMap { MethodParser.parse($0, record) }

        guard let id, let method, let validFrom, let measuredBy, let referenceInstrument,
              channel != nil || serial != nil,
              (record["channel"] == nil) == (channel == nil), (record["serial"] == nil) == (serial == nil),
              (record["notes"] == nil) == (notes == nil) else { return nil }
        return CalibrationRecord(id: id, channel: channel.map { ChannelID($0) }, serial: serial, method: method,
                                 validFrom: validFrom, measuredBy: measuredBy,
                                 referenceInstrument: referenceInstrument, notes: notes)
    }

    private static func methodName(_ record: MappingReader) -> RecordMethod.Name? {
        guard let text = record.text("method", required: true) else { return nil }
        guard let name = RecordMethod.Name(rawValue: text) else {
            record.diagnostics.report(.unknownMethod(text), at: record["method"], path: record.path(of: "method"))
            return nil
        }
        return name
    }

    private static func identifier(_ key: String, _ record: MappingReader, required: Bool) -> String? {
        guard let text = record.text(key, required: required) else { return nil }
        guard Identifier.isValid(text) else {
            record.diagnostics.report(.invalidIdentifier(text), at: record[key], path: record.path(of: key))
            return nil
        }
        return text
    }

    /// Serials name files, so they keep to characters every file system and shell takes as they are.
    private static func serial(_ record: MappingReader) -> String? {
        guard let text = record.text("serial", required: false) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard allowed, text.first != ".", text.count <= 64 else {
            record.diagnostics.report(.invalidSerial(text), at: record["serial"], path: record.path(of: "serial"))
            return nil
        }
        return text
    }

    private static func validFrom(_ record: MappingReader) -> UnixTime? {
        guard let node = record.required("valid-from") else { return nil }
        // YAML resolves an unquoted time as a timestamp; quoted it is text. Either way the exact text is parsed.
        guard let scalar = node.scalar, scalar.type == .timestamp || scalar.type == .string else {
            record.diagnostics.report(.wrongType(expected: "a time like 2026-11-20T10:15:00+09:00",
                                                 found: NodeKind.describe(node)),
                                      at: node, path: record.path(of: "valid-from"))
            return nil
        }
        guard let instant = ISO8601Instant.parse(scalar.text) else {
            record.diagnostics.report(.invalidTimestamp(scalar.text), at: node, path: record.path(of: "valid-from"))
            return nil
        }
        return instant
    }
}
