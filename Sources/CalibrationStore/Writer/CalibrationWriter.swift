import Foundation

/// Adds calibrations the way the format demands: at the end of the sensor's file, leaving every earlier byte
/// as it was, so the history a technician or an auditor reads is the history that was written.
public enum CalibrationWriter {
    /// Appends `record` to `file` (created if it does not exist yet). The file's whole directory is checked
    /// with the record in place first; nothing is written if that finds any problem (a duplicate id, a
    /// `valid-from` not after the last record's, a file named for another sensor, …).
    public static func append(record: CalibrationRecord, to file: String) throws(CalibrationErrors) {
        let url = URL(fileURLWithPath: file)
        let directory = url.deletingLastPathComponent().path
        let path = (directory as NSString).appendingPathComponent(url.lastPathComponent)
        let exists = FileManager.default.fileExists(atPath: path)

        var existing = ""
        if exists {
            do {
                existing = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw CalibrationErrors([failure(path, .unreadableFile(reason: "\(error.localizedDescription)"))])
            }
        }
        var addition = exists ? "" : header(for: record)
        if !existing.isEmpty && !existing.hasSuffix("\n") { addition += "\n" }
        addition += RecordText.lines(record)

        let check = CalibrationDirectory.read(directory, replacing: (path, existing + addition))
        guard check.errors.isEmpty else { throw CalibrationErrors(check.errors) }
        do {
            try write(addition, to: path, creating: !exists)
        } catch {
            throw CalibrationErrors([failure(path, .unwritableFile(reason: "\(error.localizedDescription)"))])
        }
    }

    private static func header(for record: CalibrationRecord) -> String {
        let sensor = record.serial.map { "serial \($0)" } ?? "channel \(record.channel?.rawValue ?? "")"
        return "# Calibration history of \(sensor). Append new records at the end; never edit earlier ones.\n"
    }

    private static func write(_ text: String, to path: String, creating: Bool) throws {
        let data = Data(text.utf8)
        if creating {
            guard FileManager.default.createFile(atPath: path, contents: data) else {
                throw CocoaError(.fileWriteUnknown)
            }
            return
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        // A calibration is written once in months; make sure it survives the power cut that often follows.
        try handle.synchronize()
    }

    private static func failure(_ path: String, _ problem: CalibrationProblem) -> CalibrationError {
        CalibrationError(file: path, line: nil, column: nil, keyPath: "", problem: problem)
    }
}
