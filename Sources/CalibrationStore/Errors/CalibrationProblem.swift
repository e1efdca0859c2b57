import YAMLReader

/// What is wrong, in terms a field technician can act on. Each case carries the values involved so tests and
/// tools can match on them and the message can quote them.
public enum CalibrationProblem: Hashable, Sendable, CustomStringConvertible {
    case unreadableFile(reason: String)
    case malformedYAML(reason: String)
    /// A file with no records (empty, or only comments).
    case emptyFile
    /// The error list was cut; this many more problems were found.
    case moreNotListed(count: Int)
    case unwritableFile(reason: String)
    case fileNotAList
    case recordNotAMapping
    case unknownKey(String, allowed: [String])
    case missingField(String)
    case wrongType(expected: String, found: String)
    case textTooLong(length: Int, longest: Int)
    case invalidIdentifier(String)
    case invalidSerial(String)
    case invalidTimestamp(String)
    case unknownMethod(String)
    case noSensor
    case notFinite
    case impossibleCoefficient(String)
    /// A figure outside what any real calibration gives; `allowed` names the range.
    case outOfRange(key: String, value: Double, allowed: String)
    case polynomialDegreeTooHigh(degree: Int)
    case tooFewPoints(count: Int)
    case pointsNotSorted(previousRaw: Double, raw: Double)
    case duplicatePoint(raw: Double)
    case allPointsSameRaw(raw: Double)
    case bucketTestIncomplete(missing: String)
    case bucketTestDisagrees(measured: Double, stated: Double)
    case duplicateID(String, firstAt: String)
    case notAfterPreviousRecord(previousID: String, previousValidFrom: String)
    case differentSensor(key: String, expected: String, found: String)
    case fileNameMismatch(fileName: String)
    case sameInstant(channel: String, otherID: String, otherAt: String)

    public var description: String {
        switch self {
        case let .unreadableFile(reason): "cannot read the file: \(reason)"
        case let .malformedYAML(reason): "not valid YAML: \(reason)"
        case .emptyFile:
            "the file holds no records; a calibration file is a list of records, each starting with `- id:` "
                + "(a sensor without calibrations has no file: restore the file from its backup or delete it)"
        case let .moreNotListed(count):
            "… and \(count) more problems not listed; fix the ones above and check again"
        case let .unwritableFile(reason): "cannot write the file: \(reason)"
        case .fileNotAList:
            "a calibration file is a list of records, each starting with `- id:`"
        case .recordNotAMapping: "a record is a set of `key: value` lines"
        case let .unknownKey(key, allowed):
            "unknown key \(quotedForMessage(key)) (allowed here: \(allowed.joined(separator: ", ")))"
        case let .missingField(key): "missing required key \"\(key)\""
        case let .wrongType(expected, found): "expected \(expected), found \(found)"
        case let .textTooLong(length, longest): "the text is \(length) characters long; at most \(longest) are allowed here"
        case let .invalidIdentifier(s):
            "\(quotedForMessage(s)) is not a valid id: use lower-case letters, digits, - and _ (at most 64), starting with a letter or digit"
        case let .invalidSerial(s):
            "\(quotedForMessage(s)) is not a valid serial: use letters, digits, '.', '-' and '_' only"
        case let .invalidTimestamp(s):
            "\(quotedForMessage(s)) is not an ISO 8601 time with an offset, e.g. 2026-11-20T10:15:00+09:00"
        case let .unknownMethod(s):
            "unknown method \(quotedForMessage(s)) (known: \(RecordMethod.Name.allCases.map { $0.rawValue }.joined(separator: ", ")))"
        case .noSensor: "a record must name its sensor: give \"channel\", \"serial\" or both"
        case .notFinite: "must be a finite number (not .inf or .nan)"
        case let .impossibleCoefficient(reason): reason
        case let .outOfRange(key, value, allowed):
            "\(key) is \(value), outside what a real calibration gives: it must be \(allowed)"
        case let .polynomialDegreeTooHigh(degree):
            "polynomial of degree \(degree): at most degree 5 (6 coefficients) is allowed"
        case let .tooFewPoints(count): "least squares needs at least 2 points, found \(count)"
        case let .pointsNotSorted(previous, raw):
            "points must be sorted by raw: \(raw) comes after \(previous)"
        case let .duplicatePoint(raw): "two points have raw \(raw): keep one (or average them)"
        case let .allPointsSameRaw(raw):
            "every point has raw \(raw): a line needs readings at different raw values"
        case let .bucketTestIncomplete(missing):
            "a bucket test needs both \"pulses\" and \"litres\": \"\(missing)\" is missing"
        case let .bucketTestDisagrees(measured, stated):
            "the bucket test gives \(measured) pulse/L but pulses-per-litre is \(stated) (more than 5 % apart)"
        case let .duplicateID(id, firstAt): "id \"\(id)\" is already used at \(firstAt)"
        case let .notAfterPreviousRecord(previousID, previousValidFrom):
            "valid-from must be later than the previous record's (\(previousID), \(previousValidFrom)): "
                + "history is append-only, add new records at the end"
        case let .differentSensor(key, expected, found):
            "this file holds sensor \(key) \"\(expected)\" but this record names \"\(found)\": one file per sensor"
        case let .fileNameMismatch(fileName):
            "the file \"\(fileName)\" must be named after its sensor's serial or channel"
        case let .sameInstant(channel, otherID, otherAt):
            "channel \(channel) already has a record of this kind taking force at the same instant (\(otherID) at \(otherAt))"
        }
    }
}
