@testable import CalibrationStore
import Foundation
import Testing

/// Issue 16 item 3: figures that would make readings absurd or non-finite are refused, naming the range, and
/// files that are not calibration files are refused without being echoed.
@Suite struct PlausibilityTests {
    private func problems(_ text: String) throws -> [String] {
        let folder = try ScratchDirectory(["water-level.yaml": text])
        return loadErrors(folder.path).map { "\($0.line.map(String.init) ?? "-") \($0.keyPath): \($0.problem)" }
    }

    @Test(arguments: [
        ("gain", "gain: 1e308", "4 [0].gain: gain is 1e+308, outside what a real calibration gives: it must be "
            + "1e-06 to 1000000.0 in magnitude (either sign)"),
        ("gain", "gain: -1e-9", "4 [0].gain: gain is -1e-09, outside what a real calibration gives: it must be "
            + "1e-06 to 1000000.0 in magnitude (either sign)"),
        ("offset", "offset: 1e300", "5 [0].offset: offset is 1e+300, outside what a real calibration gives: it must be "
            + "0.0 to 1000000000.0 in magnitude (either sign)"),
    ])
    func linearFiguresOutOfRange(key: String, line: String, expected: String) throws {
        #expect(try problems(RecordYAML.linear(key, line)) == [expected])
    }

    @Test func kFactorThatDividesToInfinity() throws {
        #expect(try problems(RecordYAML.method("k-factor", ["pulses-per-litre: 1e-320"])) == [
            "4 [0].pulses-per-litre: pulses-per-litre is 1e-320, outside what a real calibration gives: it must be "
                + "0.0001 to 100000.0",
        ])
    }

    @Test func polynomialCoefficientOutOfRange() throws {
        #expect(try problems(RecordYAML.method("polynomial", ["coefficients: [0, 1, 1e200]"])) == [
            "4 [0].coefficients[2]: c2 is 1e+200, outside what a real calibration gives: it must be "
                + "0.0 to 1000000000.0 in magnitude (either sign)",
        ])
    }

    @Test func leastSquaresPointOutOfRange() throws {
        #expect(try problems(RecordYAML.method("least-squares", [
            "points:", "  - {raw: 1, reference: 2}", "  - {raw: 1e300, reference: 4}",
        ])) == [
            "6 [0].points[1].raw: raw is 1e+300, outside what a real calibration gives: it must be "
                + "0.0 to 1000000000.0 in magnitude (either sign)",
        ])
    }

    @Test func tapeDepthsOutOfRange() throws {
        #expect(try problems(RecordYAML.method("tape-reference", [
            "tape-depth-m: 5000", "sensor-column-m: 7", "measuring-point-elevation-m: 12000",
        ])) == [
            "4 [0].tape-depth-m: tape-depth-m is 5000.0, outside what a real calibration gives: it must be 0.0 to 1000.0",
            "6 [0].measuring-point-elevation-m: measuring-point-elevation-m is 12000.0, outside what a real calibration "
                + "gives: it must be -500.0 to 9000.0",
        ])
    }

    @Test func bucketTestOutOfRange() throws {
        #expect(try problems(RecordYAML.method("k-factor", ["pulses-per-litre: 0.1", "pulses: 100", "litres: 1e9"])) == [
            "6 [0].litres: litres is 1000000000.0, outside what a real calibration gives: it must be 0.0 to 1000000.0",
        ])
    }

    @Test func binaryFileIsRefusedWithoutItsContent() throws {
        let folder = try ScratchDirectory()
        try Data([0x2D, 0x20, 0x73, 0x65, 0x63, 0x72, 0x65, 0x74, 0x00, 0x01]).write(to: URL(fileURLWithPath: folder.file("water-level.yaml")))
        let errors = loadErrors(folder.path)
        #expect(errors.map(\.problem) == [.unreadableFile(
            reason: "not a text file (it holds NUL bytes, as binaries do, at byte 8); is this the right file?")])
        #expect(!errors.description.contains("secret"))
    }

    @Test func manyUnknownKeysAreCapped() throws {
        let junk = (0..<5000).map { "  k\($0): 1\n" }.joined()
        let folder = try ScratchDirectory(["water-level.yaml": RecordYAML.linear + junk])
        do {
            _ = try CalibrationStore.load(directory: folder.path)
            Issue.record("a record with 5000 unknown keys loaded")
        } catch {
            #expect(error.errors.count == CalibrationErrors.mostListed + 1)
            #expect(error.errors.last?.problem == .moreNotListed(count: 4950))
            #expect(error.description.utf8.count < 60_000)
        }
    }

    @Test func hugeIdIsRefusedWithoutBeingEchoed() throws {
        let id = String(repeating: "x", count: 100_000)
        let folder = try ScratchDirectory(["water-level.yaml": RecordYAML.linear("id", "id: \(id)")])
        let errors = loadErrors(folder.path)
        #expect(errors.map(\.problem) == [.textTooLong(length: 100_000, longest: 256)])
        #expect(errors.description.utf8.count < 1000)
    }

    @Test func longInvalidIdIsShownShortened() throws {
        let id = String(repeating: "X", count: 100)
        let folder = try ScratchDirectory(["water-level.yaml": RecordYAML.linear("id", "id: \(id)")])
        let errors = loadErrors(folder.path)
        #expect(errors.count == 1)
        #expect(errors.first?.description.hasSuffix("[0].id: \"" + String(repeating: "X", count: 80)
                                                    + "…\" (100 characters) is not a valid id: use lower-case letters, "
                                                    + "digits, - and _ (at most 64), starting with a letter or digit") == true)
    }

    @Test func overlongNamesAreRefused() throws {
        let name = String(repeating: "A", count: 300)
        #expect(try problems(RecordYAML.linear("measured-by", "measured-by: \(name)")) == [
            "7 [0].measured-by: the text is 300 characters long; at most 256 are allowed here",
        ])
    }
}
