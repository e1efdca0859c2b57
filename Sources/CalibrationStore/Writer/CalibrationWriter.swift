import GatewayCore
import YAMLReader

/// Adds calibrations the way the format demands: at the end of the sensor's file, leaving every earlier byte
/// as it was, so the history a technician or an auditor reads is the history that was written.
public enum CalibrationWriter {
    /// Appends `record` to `file` (created if it does not exist yet). The file's whole directory is checked
    /// with the record in place first; nothing is written if that finds any problem (a duplicate id, a
    /// `valid-from` not after the last record's, a file named for another sensor, …).
    public static func append(record: CalibrationRecord, to file: String) throws(CalibrationErrors) {
        let directory = PathText.folder(of: file)
        let path = PathText.join(directory, PathText.lastComponent(of: file))
        let exists = FileBytes.exists(path)

        var existing: [UInt8] = []
        if exists {
            do {
                existing = try FileBytes.read(path, limitBytes: CalibrationFile.largestBytes)
            } catch {
                throw CalibrationErrors([failure(path, .unreadableFile(reason: reason(error)))])
            }
        }
        var addition = exists ? "" : header(for: record)
        if !existing.isEmpty && existing.last != UInt8(ascii: "\n") { addition += "\n" }
        addition += RecordText.lines(record)
        let whole = existing + Array(addition.utf8)

        let check = CalibrationDirectory.read(directory, replacing: (path, String(decoding: whole, as: UTF8.self)))
        guard check.errors.isEmpty else { throw CalibrationErrors(check.errors, notKept: check.notKept) }
        do {
            try AtomicFile.replace(path, with: whole)
        } catch {
            throw CalibrationErrors([failure(path, .unwritableFile(reason: error.reason))])
        }
    }

    private static func header(for record: CalibrationRecord) -> String {
        let sensor = record.serial.map { "serial \($0)" } ?? "channel \(record.channel?.rawValue ?? "")"
        return "# Calibration history of \(sensor). Append new records at the end; never edit earlier ones.\n"
    }

    private static func reason(_ error: FileReadError) -> String {
        switch error {
        case .notFound: "no such file"
        case .isFolder: "it is a folder, not a file"
        case .cannotRead(let reason): reason
        case .tooLarge(let size, let limit): "it is \(size) bytes, more than a calibration file can be (\(limit) bytes)"
        }
    }

    private static func failure(_ path: String, _ problem: CalibrationProblem) -> CalibrationError {
        CalibrationError(file: path, line: nil, column: nil, keyPath: "", problem: problem)
    }
}
