import CalibrationStore
import GatewayCore
import Testing

@Suite struct SupersessionTests {
    private let history = RecordYAML.linear + RecordYAML.text([
        "- id: a-2", "  channel: water-level", "  method: offset", "  offset: 0.5",
        "  valid-from: 2026-12-01T09:00:00+09:00", "  measured-by: B", "  reference-instrument: C",
        "- id: a-3", "  channel: water-level", "  method: tape-reference", "  tape-depth-m: 12.34",
        "  sensor-column-m: 7.0", "  valid-from: 2026-12-05T09:00:00+09:00", "  measured-by: B",
        "  reference-instrument: tape",
        "- id: a-4", "  channel: water-level", "  method: offset", "  offset: 0.7",
        "  valid-from: 2027-06-01T09:00:00+09:00", "  measured-by: B", "  reference-instrument: C",
    ])

    private func store() throws -> CalibrationStore {
        let folder = try ScratchDirectory(["water-level.yaml": history])
        return try CalibrationStore.load(directory: folder.path)
    }

    private func correctionID(at time: UnixTime) throws -> String? {
        try store().current(channel: "water-level", at: time, purpose: .valueCorrection)?.id
    }

    @Test func theNewerValidFromWins() throws {
        #expect(try correctionID(at: CivilTime.jstInstant(year: 2026, month: 11, day: 30)) == "a-1")
        #expect(try correctionID(at: CivilTime.jstInstant(year: 2026, month: 12, day: 1, hour: 9)) == "a-2")
        #expect(try correctionID(at: CivilTime.jstInstant(year: 2027, month: 3, day: 1)) == "a-2")
    }

    @Test func nothingIsInForceBeforeTheFirstRecord() throws {
        #expect(try correctionID(at: CivilTime.jstInstant(year: 2026, month: 11, day: 20, hour: 10, minute: 14)) == nil)
    }

    @Test func aFutureRecordIsNotYetInForce() throws {
        // a-4 is already on file but takes force only from June 2027.
        #expect(try correctionID(at: CivilTime.jstInstant(year: 2027, month: 5, day: 31, hour: 23, minute: 59)) == "a-2")
        #expect(try correctionID(at: CivilTime.jstInstant(year: 2027, month: 6, day: 1, hour: 9)) == "a-4")
    }

    @Test func aTapeCheckDoesNotSupersedeTheCorrection() throws {
        let store = try store()
        let time = CivilTime.jstInstant(year: 2026, month: 12, day: 6)
        #expect(store.current(channel: "water-level", at: time, purpose: .valueCorrection)?.id == "a-2")
        #expect(store.current(channel: "water-level", at: time, purpose: .waterLevelDatum)?.id == "a-3")
        #expect(store.current(channel: "water-level", at: time, purpose: .pulseScale) == nil)
    }

    @Test func supersededRecordsStayInHistory() throws {
        let store = try store()
        #expect(store.history(channel: "water-level").map(\.id) == ["a-1", "a-2", "a-3", "a-4"])
        #expect(store.history(channel: "inflow").isEmpty)
        #expect(store.record(id: "a-1")?.method == .linear(gain: 1.5, offset: 0.2))
    }

    @Test func historyBySerialFollowsTheInstrument() throws {
        let folder = try ScratchDirectory([
            "SN-7.yaml": RecordYAML.linear("channel", "serial: SN-7"),
        ])
        let store = try CalibrationStore.load(directory: folder.path)
        #expect(store.history(serial: "SN-7").map(\.id) == ["a-1"])
        #expect(store.history(channel: "water-level").isEmpty)
    }
}
