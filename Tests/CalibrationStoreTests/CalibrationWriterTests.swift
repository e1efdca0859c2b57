import CalibrationStore
import Foundation
import GatewayCore
import Testing

@Suite struct CalibrationWriterTests {
    private func record(_ id: String, _ method: RecordMethod, day: Int, notes: String? = nil) -> CalibrationRecord {
        CalibrationRecord(id: id, channel: "water-level", method: method,
                          validFrom: CivilTime.jstInstant(year: 2027, month: 1, day: day, hour: 9),
                          measuredBy: "Aiko Tanaka", referenceInstrument: "tape ET-0031", notes: notes)
    }

    @Test func appendLeavesEveryEarlierByteAsItWas() throws {
        let original = RecordYAML.linear + "# hand-written comment, kept as typed\n"
        let folder = try ScratchDirectory(["water-level.yaml": original])
        try CalibrationWriter.append(record: record("a-2", .offset(0.25), day: 10), to: folder.file("water-level.yaml"))
        let after = try folder.read("water-level.yaml")
        #expect(after.hasPrefix(original))
        #expect(after.count > original.count)
        let store = try CalibrationStore.load(directory: folder.path)
        #expect(store.history(channel: "water-level").map(\.id) == ["a-1", "a-2"])
    }

    @Test func aFileWithoutFinalNewlineStillGetsAWholeRecord() throws {
        let original = String(RecordYAML.linear.dropLast())
        let folder = try ScratchDirectory(["water-level.yaml": original])
        try CalibrationWriter.append(record: record("a-2", .offset(0.25), day: 10), to: folder.file("water-level.yaml"))
        #expect(try folder.read("water-level.yaml").hasPrefix(original))
        #expect(try CalibrationStore.load(directory: folder.path).records.count == 2)
    }

    @Test(arguments: [
        RecordMethod.offset(-0.3),
        .linear(gain: 1.0012, offset: -0.004),
        .polynomial(coefficients: [0.002, 0.9987, 4e-05]),
        .leastSquares(points: [CalibrationPoint(raw: 1, reference: 2), CalibrationPoint(raw: 3, reference: 5.5)],
                      fit: LinearFit([CalibrationPoint(raw: 1, reference: 2), CalibrationPoint(raw: 3, reference: 5.5)])!),
        .kFactor(KFactorRecord(pulsesPerLitre: 0.1, bucketTest: .init(pulses: PulseCount(100), litres: Litres(1000)))),
        .tapeReference(TapeReferenceRecord(tapeDepth: Metres(12.34), sensorColumn: Metres(7.00664),
                                     measuringPointHeight: Metres(0.45), measuringPointElevation: Metres(35.25))),
    ])
    func everyMethodReadsBackAsWritten(_ method: RecordMethod) throws {
        let folder = try ScratchDirectory()
        let written = record("w-1", method, day: 3, notes: "yes: \"quoted\" \\ and more")
        try CalibrationWriter.append(record: written, to: folder.file("water-level.yaml"))
        let read = try CalibrationStore.load(directory: folder.path).records
        #expect(read == [written])
    }

    @Test func refusesADuplicateIDAndWritesNothing() throws {
        let folder = try ScratchDirectory(["water-level.yaml": RecordYAML.linear])
        #expect(throws: CalibrationErrors.self) {
            try CalibrationWriter.append(record: record("a-1", .offset(1), day: 10), to: folder.file("water-level.yaml"))
        }
        do {
            try CalibrationWriter.append(record: record("a-1", .offset(1), day: 10), to: folder.file("water-level.yaml"))
        } catch {
            #expect(error.errors.map(\.problem) == [.duplicateID("a-1", firstAt: folder.file("water-level.yaml") + ":1")])
        }
        #expect(try folder.read("water-level.yaml") == RecordYAML.linear)
    }

    @Test func refusesAnIDUsedByAnotherSensorsFile() throws {
        let folder = try ScratchDirectory(["inflow.yaml": RecordYAML.linear("channel", "channel: inflow")])
        #expect(throws: CalibrationErrors.self) {
            try CalibrationWriter.append(record: record("a-1", .offset(1), day: 10), to: folder.file("water-level.yaml"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("water-level.yaml")))
    }

    @Test func refusesARecordOlderThanTheLastOne() throws {
        let folder = try ScratchDirectory(["water-level.yaml": RecordYAML.linear])
        let backdated = CalibrationRecord(id: "a-0", channel: "water-level", method: .offset(1),
                                          validFrom: CivilTime.jstInstant(year: 2026, month: 1, day: 1),
                                          measuredBy: "m", referenceInstrument: "r")
        do {
            try CalibrationWriter.append(record: backdated, to: folder.file("water-level.yaml"))
            Issue.record("a backdated record was appended")
        } catch {
            guard case .notAfterPreviousRecord(previousID: "a-1", _) = error.errors.first?.problem else {
                Issue.record("unexpected errors: \(error)")
                return
            }
        }
        #expect(try folder.read("water-level.yaml") == RecordYAML.linear)
    }

    @Test func refusesAnImpossibleRecord() throws {
        let folder = try ScratchDirectory()
        #expect(throws: CalibrationErrors.self) {
            try CalibrationWriter.append(record: record("z-1", .linear(gain: 0, offset: 1), day: 3),
                                         to: folder.file("water-level.yaml"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("water-level.yaml")))
    }

    @Test func aNewFileStartsWithAHeaderAndValidates() throws {
        let folder = try ScratchDirectory()
        try CalibrationWriter.append(record: record("n-1", .offset(0.1), day: 3), to: folder.file("water-level.yaml"))
        let text = try folder.read("water-level.yaml")
        #expect(text.hasPrefix("# Calibration history of channel water-level."))
        #expect(loadErrors(folder.path).isEmpty)
    }
}

/// The append is written to a temporary file, flushed and renamed over the old one, so a power cut leaves
/// the old history or the new one, never a torn file.
@Suite struct AtomicAppendTests {
    @Test func appendKeepsTheFilePermissionsAndLeavesNoTemporaryFile() throws {
        let folder = try ScratchDirectory(["water-level.yaml": RecordYAML.linear])
        let path = folder.file("water-level.yaml")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try CalibrationWriter.append(record: CalibrationRecord(
            id: "a-2", channel: "water-level", method: .offset(0.25),
            validFrom: CivilTime.jstInstant(year: 2027, month: 1, day: 10, hour: 9),
            measuredBy: "Aiko Tanaka", referenceInstrument: "tape ET-0031"), to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["water-level.yaml"])
        #expect(try CalibrationStore.load(directory: folder.path).records.count == 2)
    }
}
