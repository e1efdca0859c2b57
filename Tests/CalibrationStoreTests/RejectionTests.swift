@testable import CalibrationStore
import Foundation
import Testing

/// One wrong calibration folder and exactly the errors it must produce, in reading order.
struct Rejection: Sendable, CustomTestStringConvertible {
    struct Expected: Sendable, Equatable, CustomStringConvertible {
        var file: String
        var line: Int?
        var keyPath: String
        var problem: CalibrationProblem
        var description: String { "\(file):\(line.map(String.init) ?? "-"): \(keyPath): \(problem)" }
    }
    var name: String
    var files: [String: String]
    var expected: [Expected]
    var testDescription: String { name }

    init(_ name: String, _ text: String, line: Int?, _ keyPath: String, _ problem: CalibrationProblem) {
        self.init(name, ["water-level.yaml": text], [Expected(file: "water-level.yaml", line: line, keyPath: keyPath, problem: problem)])
    }

    init(_ name: String, _ files: [String: String], _ expected: [Expected]) {
        self.name = name
        self.files = files
        self.expected = expected
    }
}

private let linearKeys = RecordParser.commonKeys + ["gain", "offset"]
private let wrongSensorText = RecordYAML.linear + RecordYAML.text([
    "- id: a-2", "  channel: inflow", "  method: offset", "  offset: 1",
    "  valid-from: 2026-12-01T00:00:00+09:00", "  measured-by: B", "  reference-instrument: C",
])
private let outOfOrderText = RecordYAML.linear + RecordYAML.text([
    "- id: a-2", "  channel: water-level", "  method: offset", "  offset: 1",
    "  valid-from: 2026-11-20T10:14:59+09:00", "  measured-by: B", "  reference-instrument: C",
])

let rejections: [Rejection] = [
    Rejection("unknown key", RecordYAML.linear + "  gian: 1\n", line: 9, "[0].gian", .unknownKey("gian", allowed: linearKeys)),
    Rejection("missing field", RecordYAML.linear("measured-by", nil), line: 1, "[0]", .missingField("measured-by")),
    Rejection("quoted number", RecordYAML.linear("gain", "gain: \"1.5\""), line: 4, "[0].gain",
              .wrongType(expected: "a number", found: "text \"1.5\"")),
    Rejection("name read as yes/no", RecordYAML.linear("measured-by", "measured-by: yes"), line: 7, "[0].measured-by",
              .wrongType(expected: "text", found: "yes/no \"yes\"")),
    Rejection("zero gain", RecordYAML.linear("gain", "gain: 0"), line: 4, "[0].gain",
              .impossibleCoefficient("gain is 0: every reading would become the offset")),
    Rejection("NaN offset", RecordYAML.linear("offset", "offset: .nan"), line: 5, "[0].offset", .notFinite),
    Rejection("infinite gain", RecordYAML.linear("gain", "gain: -.inf"), line: 4, "[0].gain", .notFinite),
    Rejection("time without offset", RecordYAML.linear("valid-from", "valid-from: 2026-11-20T10:15:00"), line: 6,
              "[0].valid-from", .invalidTimestamp("2026-11-20T10:15:00")),
    Rejection("no such day", RecordYAML.linear("valid-from", "valid-from: 2026-02-29T10:15:00+09:00"), line: 6,
              "[0].valid-from", .invalidTimestamp("2026-02-29T10:15:00+09:00")),
    Rejection("unknown method", RecordYAML.linear("method", "method: cubic"), line: 3, "[0].method", .unknownMethod("cubic")),
    Rejection("bad id", RecordYAML.linear("id", "id: Well 7"), line: 1, "[0].id", .invalidIdentifier("Well 7")),
    Rejection("no sensor", RecordYAML.linear("channel", nil), line: 1, "[0]", .noSensor),
    Rejection("file named for another sensor", RecordYAML.linear("channel", "channel: outflow"), line: 1, "[0]",
              .fileNameMismatch(fileName: "water-level.yaml")),
    Rejection("degree 6", RecordYAML.method("polynomial", ["coefficients: [0, 1, 0, 0, 0, 0, 1]"]), line: 4,
              "[0].coefficients", .polynomialDegreeTooHigh(degree: 6)),
    Rejection("constant polynomial", RecordYAML.method("polynomial", ["coefficients: [3, 0]"]), line: 4, "[0].coefficients",
              .impossibleCoefficient("needs c0 and at least one non-zero higher coefficient: a constant ignores the sensor")),
    Rejection("polynomial text coefficient", RecordYAML.method("polynomial", ["coefficients: [0, one]"]), line: 4,
              "[0].coefficients[1]", .wrongType(expected: "a number", found: "text \"one\"")),
    Rejection("one point", RecordYAML.method("least-squares", ["points:", "  - {raw: 1, reference: 2}"]), line: 5,
              "[0].points", .tooFewPoints(count: 1)),
    Rejection("unsorted points", RecordYAML.method("least-squares", [
        "points:", "  - {raw: 1, reference: 2}", "  - {raw: 3, reference: 6}", "  - {raw: 2, reference: 4}",
    ]), line: 7, "[0].points[2].raw", .pointsNotSorted(previousRaw: 3, raw: 2)),
    Rejection("duplicate point", RecordYAML.method("least-squares", [
        "points:", "  - {raw: 1, reference: 2}", "  - {raw: 2, reference: 4}", "  - {raw: 2, reference: 4.1}",
    ]), line: 7, "[0].points[2].raw", .duplicatePoint(raw: 2)),
    Rejection("all points one raw", RecordYAML.method("least-squares", [
        "points:", "  - {raw: 2, reference: 2}", "  - {raw: 2, reference: 4}",
    ]), line: 5, "[0].points", .allPointsSameRaw(raw: 2)),
    Rejection("flat reference", RecordYAML.method("least-squares", [
        "points:", "  - {raw: 1, reference: 4}", "  - {raw: 2, reference: 4}",
    ]), line: 5, "[0].points",
    .impossibleCoefficient("the fitted gain is 0: the reference did not change while the raw reading did")),
    Rejection("point key misspelt", ["water-level.yaml": RecordYAML.method("least-squares", [
        "points:", "  - {raw: 1, reference: 2}", "  - {raw: 2, ref: 4}",
    ])], [
        Rejection.Expected(file: "water-level.yaml", line: 6, keyPath: "[0].points[1]", problem: .missingField("reference")),
        Rejection.Expected(file: "water-level.yaml", line: 6, keyPath: "[0].points[1].ref",
                           problem: .unknownKey("ref", allowed: ["raw", "reference"])),
    ]),
    Rejection("negative K-factor", RecordYAML.method("k-factor", ["pulses-per-litre: -0.1"]), line: 4,
              "[0].pulses-per-litre", .impossibleCoefficient("pulses-per-litre must be above 0, found -0.1")),
    Rejection("half a bucket test", RecordYAML.method("k-factor", ["pulses-per-litre: 0.1", "pulses: 100"]), line: 5,
              "[0]", .bucketTestIncomplete(missing: "litres")),
    Rejection("bucket test disagrees", RecordYAML.method("k-factor", ["pulses-per-litre: 0.1", "pulses: 150", "litres: 1000"]),
              line: 4, "[0].pulses-per-litre", .bucketTestDisagrees(measured: 0.15, stated: 0.1)),
    Rejection("fractional pulses", RecordYAML.method("k-factor", ["pulses-per-litre: 0.1", "pulses: 10.5", "litres: 105"]),
              line: 5, "[0].pulses", .wrongType(expected: "a whole number", found: "the number 10.5")),
    Rejection("zero tape depth", RecordYAML.method("tape-reference", ["tape-depth-m: 0", "sensor-column-m: 7"]), line: 4,
              "[0].tape-depth-m",
              .impossibleCoefficient("tape-depth-m must be above 0 (depth below the measuring point), found 0.0")),
    Rejection("dry sensor", RecordYAML.method("tape-reference", ["tape-depth-m: 12.3", "sensor-column-m: -1"]), line: 5,
              "[0].sensor-column-m",
              .impossibleCoefficient("sensor-column-m must be above 0: a sensor out of the water cannot be referenced, found -1.0")),
    Rejection("gain on an offset record", RecordYAML.linear("method", "method: offset"), line: 4, "[0].gain",
              .unknownKey("gain", allowed: RecordParser.commonKeys + ["offset"])),
    Rejection("file is a mapping", "id: a-1\nchannel: water-level\n", line: 1, "", .fileNotAList),
    Rejection("record is text", "- just a note\n", line: 1, "[0]", .recordNotAMapping),
    Rejection("unclosed bracket", "- id: [a-1\n", line: 2, "",
              .malformedYAML(reason: "while parsing a flow sequence: did not find expected ',' or ']'")),
    Rejection("key twice", RecordYAML.linear + "  gain: 2\n", line: 4, "",
              .malformedYAML(reason: "key gain appears twice in one record")),
    Rejection("history out of order", outOfOrderText, line: 13, "[1].valid-from",
              .notAfterPreviousRecord(previousID: "a-1", previousValidFrom: "2026-11-20T10:15:00+09:00")),
    Rejection("two sensors in one file", wrongSensorText, line: 10, "[1].channel",
              .differentSensor(key: "channel", expected: "water-level", found: "inflow")),
    Rejection("id used in two files",
              ["water-level.yaml": RecordYAML.linear,
               "inflow.yaml": RecordYAML.linear("channel", "channel: inflow")],
              [Rejection.Expected(file: "water-level.yaml", line: 1, keyPath: "[0].id",
                                  problem: .duplicateID("a-1", firstAt: "inflow.yaml:1"))]),
    Rejection("two records take force at once",
              ["SN-1.yaml": RecordYAML.linear("channel", "serial: SN-1").replacingOccurrences(of: "- id: a-1", with: "- id: a-1\n  channel: water-level"),
               "SN-2.yaml": RecordYAML.linear("channel", "serial: SN-2").replacingOccurrences(of: "- id: a-1", with: "- id: b-1\n  channel: water-level")],
              [Rejection.Expected(file: "SN-2.yaml", line: 7, keyPath: "[0].valid-from",
                                  problem: .sameInstant(channel: "water-level", otherID: "a-1", otherAt: "SN-1.yaml:1"))]),
]

@Suite struct RejectionTests {
    @Test(arguments: rejections)
    func rejects(_ case: Rejection) throws {
        let folder = try ScratchDirectory(`case`.files)
        let found = loadErrors(folder.path).map {
            Rejection.Expected(file: String($0.file.dropFirst(folder.path.count + 1)), line: $0.line,
                               keyPath: $0.keyPath, problem: relative($0.problem, to: folder.path))
        }
        #expect(found == `case`.expected)
    }

    /// Problems that quote another place name it by full path; the expectations name it within the folder.
    private func relative(_ problem: CalibrationProblem, to folder: String) -> CalibrationProblem {
        let strip = { (place: String) in place.replacingOccurrences(of: folder + "/", with: "") }
        switch problem {
        case let .duplicateID(id, firstAt): return .duplicateID(id, firstAt: strip(firstAt))
        case let .sameInstant(channel, otherID, otherAt):
            return .sameInstant(channel: channel, otherID: otherID, otherAt: strip(otherAt))
        default: return problem
        }
    }

    @Test func messageNamesFileLineColumnAndKeyPath() throws {
        let folder = try ScratchDirectory(["water-level.yaml": RecordYAML.linear("gain", "gain: 0")])
        let errors = loadErrors(folder.path)
        #expect(errors.map(\.description) == [
            "\(folder.file("water-level.yaml")):4:9: [0].gain: gain is 0: every reading would become the offset",
        ])
    }

    @Test func everyErrorIsCollectedInFileAndLineOrder() throws {
        let folder = try ScratchDirectory([
            "water-level.yaml": RecordYAML.linear("gain", "gain: 0").replacingOccurrences(of: "2026-11-20T10:15:00+09:00", with: "soon"),
            "inflow.yaml": RecordYAML.linear("channel", "channel: inflow").replacingOccurrences(of: "a-1", with: "b-1") + "  colour: red\n",
        ])
        let errors = loadErrors(folder.path)
        let places = errors.map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0) \($0.keyPath)" }
        #expect(places == ["inflow.yaml:9 [0].colour", "water-level.yaml:4 [0].gain", "water-level.yaml:6 [0].valid-from"])
        let description = CalibrationErrors(errors.reversed()).description
        #expect(description.split(separator: "\n").count == 3)
        #expect(description.hasPrefix(folder.file("inflow.yaml")))
    }

    @Test func aMissingFolderIsOneClearError() {
        let errors = loadErrors("/nonexistent/calibration")
        #expect(errors.count == 1)
        #expect(errors.first?.file == "/nonexistent/calibration")
        guard case .unreadableFile = errors.first?.problem else {
            Issue.record("expected unreadableFile, got \(errors)")
            return
        }
    }

    @Test func anUnreadableFileIsOneClearError() throws {
        let folder = try ScratchDirectory()
        // A directory where a file should be cannot be read as text, whoever runs the tests.
        try FileManager.default.createDirectory(atPath: folder.file("water-level.yaml"), withIntermediateDirectories: false)
        let errors = loadErrors(folder.path)
        #expect(errors.count == 1)
        #expect(errors.first?.line == nil)
        guard case .unreadableFile = errors.first?.problem else {
            Issue.record("expected unreadableFile, got \(errors)")
            return
        }
    }

    /// Issue 16: an empty file used to load as "0 records", hiding a truncated copy or a failed write.
    @Test(arguments: ["", "# nothing yet\n", "~\n"])
    func anEmptyFileIsAnError(_ text: String) throws {
        let folder = try ScratchDirectory(["water-level.yaml": text])
        let errors = loadErrors(folder.path)
        #expect(errors.map(\.problem) == [.emptyFile])
        #expect(errors.first?.line == nil)
    }
}
