import GatewayCore
import YAMLReader

/// The visits file of a site, `<calibration folder>/commissioning/visits.yaml`: read whole, appended to, never
/// rewritten. It sits in a folder of its own so the calibration loader, which reads every `*.yaml` directly in the
/// calibration folder, never mistakes a visit for a calibration.
public enum CommissioningLog {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong, so the technician's problem (`fieldProblem`) can name a cause and a remedy.
        public enum Kind: Sendable, Hashable {
            /// The file or its folder cannot be read, written or created.
            case storage
            /// The file is there but a record in it is not a visit record.
            case damagedRecord
            /// The new record's id is already in the file.
            case duplicateID(String)
            /// The new record (first) is dated before the last one of the file (second).
            case datedBeforeLast(String, last: String)
        }

        public var kind: Kind
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }

        public init(_ kind: Kind, path: String, reason: String) {
            self.kind = kind
            self.path = path
            self.reason = reason
        }
    }

    public static func path(calibrationFolder: String) -> String {
        PathText.join(PathText.join(calibrationFolder, "commissioning"), "visits.yaml")
    }

    /// Every record of the file, oldest first; none when there is no file yet.
    public static func load(calibrationFolder: String) throws(Failure) -> [CommissioningRecord] {
        let file = path(calibrationFolder: calibrationFolder)
        guard FileBytes.exists(file) else { return [] }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(file, limitBytes: 4 << 20) } catch { throw Failure(.storage, path: file, reason: "\(error)") }
        let root: YAMLNode?
        do { root = try YAMLComposer.compose(bytes) } catch { throw Failure(.damagedRecord, path: file, reason: "\(error)") }
        guard let root else { return [] }
        guard let items = root.items else { throw Failure(.damagedRecord, path: file, reason: "not a list of visit records") }
        var records: [CommissioningRecord] = []
        for item in items {
            do { records.append(try CommissioningText.record(item)) } catch {
                throw Failure(.damagedRecord, path: file, reason: "line \(error.line): \(error.reason)")
            }
        }
        return records
    }

    /// Appends `record` at the end of the file (creating the folder and file on the first visit). The ids of a
    /// file are unique and its times never go back, as in calibration files.
    public static func append(_ record: CommissioningRecord, calibrationFolder: String) throws(Failure) {
        let folder = PathText.join(calibrationFolder, "commissioning")
        let file = path(calibrationFolder: calibrationFolder)
        let existing = try load(calibrationFolder: calibrationFolder)
        if existing.contains(where: { $0.id == record.id }) {
            throw Failure(.duplicateID(record.id), path: file, reason: "a record with id \(record.id) is already there; records are never rewritten")
        }
        if let last = existing.last, record.validFrom < last.validFrom {
            throw Failure(.datedBeforeLast(record.id, last: last.id), path: file, reason: "record \(record.id) is dated before the last one (\(last.id)); check the board's clock")
        }
        if !FileBytes.exists(folder) && mkdirAll(folder) != 0 {
            throw Failure(.storage, path: folder, reason: "cannot create the folder")
        }
        var bytes: [UInt8] = []
        if existing.isEmpty && !FileBytes.exists(file) {
            bytes = Array("# Technician visits to this site. Append new records at the end; never edit earlier ones.\n".utf8)
        } else {
            do { bytes = try FileBytes.read(file, limitBytes: 4 << 20) } catch { throw Failure(.storage, path: file, reason: "\(error)") }
            if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        }
        bytes += Array(CommissioningText.lines(record).utf8)
        do { try AtomicFile.replace(file, with: bytes) } catch { throw Failure(.storage, path: file, reason: error.reason) }
    }
}
