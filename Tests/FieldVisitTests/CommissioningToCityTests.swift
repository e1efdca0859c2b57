import AggregatorKit
import CalibrationStore
import Foundation
import GatewayCore
import GatewayRuntime
import Testing

/// Issue 17, part 3: the board publishes its last visit retained; the city accepts it only for the board whose
/// topic it came on, with bounded names and numbers, and its report shows per board the last visit and drift.
@Suite struct CommissioningToCityTests {
    static let board = BoardTopic("sgw/kumamoto-paddy-01/kumamoto-paddy-01-gw1/commissioning", prefix: "sgw")!

    static func visit(_ id: String, at seconds: Double, register: Double, total: Double) -> CommissioningRecord {
        CommissioningRecord(id: id, kind: .visit, site: "kumamoto-paddy-01", device: "kumamoto-paddy-01-gw1",
                            validFrom: UnixTime(seconds: seconds), measuredBy: "A. Tanaka", instruments: "tape ET-0031",
                            scanMatched: true,
                            registers: [.init(channel: "inflow", unit: "m3", register: register, gatewayTotal: total)])
    }

    func folderWithTwoVisitsAndACorrection() throws -> String {
        let folder = NSTemporaryDirectory() + "visits-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try CommissioningLog.append(Self.visit("visit-1", at: 1_790_000_000, register: 1200, total: 10), calibrationFolder: folder)
        try CommissioningLog.append(Self.visit("visit-2", at: 1_790_086_400, register: 1250, total: 57.5), calibrationFolder: folder)
        var correction = Self.visit("correction-2", at: 1_790_086_400, register: 0, total: 0)
        correction.kind = .correction
        correction.registers = []
        correction.corrections = [.init(channel: "inflow", unit: "m3", gap: 2.5, since: "visit-1")]
        try CommissioningLog.append(correction, calibrationFolder: folder)
        return folder
    }

    @Test func theLastVisitWithItsDriftReachesTheReport() throws {
        let message = try #require(CommissioningMessage.load(calibrationFolder: try folderWithTwoVisitsAndACorrection()))
        #expect(message.lastVisit.id == "visit-2")
        #expect(message.drifts.map(\.drift.gap) == [2.5])
        #expect(message.registerLosses == ["inflow": 2.5], "the correction counts as a loss in status")
        let visit = try CommissioningIntake.decode(message.encoded(), from: Self.board,
                                                   receivedAt: UnixTime(seconds: 1_790_090_000))
        #expect(visit.drift.first?.gap == 2.5)
        let store = try AggregatorStore(path: NSTemporaryDirectory() + "city-\(UUID().uuidString).sqlite")
        try store.recordCommissioning(visit, receivedAt: UnixTime(seconds: 1_790_090_000))
        let table = CommissioningReport.table(try store.commissioning())
        #expect(table.contains("kumamoto-paddy-01/kumamoto-paddy-01-gw1: "), "\(table)")
        #expect(table.contains("inflow: register +50.000 m3, gateway +47.500 m3, drift 2.500 m3 (5.0% of the register) since visit-1"), "\(table)")
    }

    @Test func aVisitNamingAnotherBoardIsRefused() throws {
        let message = try #require(CommissioningMessage.load(calibrationFolder: try folderWithTwoVisitsAndACorrection()))
        let other = try #require(BoardTopic("sgw/kumamoto-paddy-01/other-gw/commissioning", prefix: "sgw"))
        #expect(throws: IntakeRefusal.self) {
            try CommissioningIntake.decode(message.encoded(), from: other, receivedAt: UnixTime(seconds: 1_790_090_000))
        }
    }

    @Test(arguments: [
        #"{"device":"kumamoto-paddy-01-gw1","drift":[{"channel":"inflow","gap":1e300,"gatewayAdvance":0,"registerAdvance":0,"since":"v","unit":"m3"}],"id":"v2","instruments":"t","measuredBy":"m","scan":"matches","site":"kumamoto-paddy-01","time":1790000000}"#,
        #"{"device":"kumamoto-paddy-01-gw1","drift":[],"id":"v2","instruments":"t","measuredBy":"m","scan":"maybe","site":"kumamoto-paddy-01","time":1790000000}"#,
        #"{"device":"kumamoto-paddy-01-gw1","drift":[],"id":"v2","instruments":"t","measuredBy":"m","scan":"matches","site":"kumamoto-paddy-01","time":1990000000}"#,
        #"{"device":"kumamoto-paddy-01-gw1","drift":[{"channel":"in/flow","gap":1,"gatewayAdvance":0,"registerAdvance":0,"since":"v","unit":"m3"}],"id":"v2","instruments":"t","measuredBy":"m","scan":"matches","site":"kumamoto-paddy-01","time":1790000000}"#,
    ]) func outOfBoundsVisitsAreRefused(_ payload: String) {
        #expect(throws: IntakeRefusal.self) {
            try CommissioningIntake.decode(Array(payload.utf8), from: Self.board, receivedAt: UnixTime(seconds: 1_790_090_000))
        }
    }

    @Test func anOlderRetainedVisitNeverReplacesANewerOne() throws {
        let store = try AggregatorStore(path: NSTemporaryDirectory() + "city-\(UUID().uuidString).sqlite")
        func visit(_ id: String, _ seconds: Double) -> BoardCommissioning {
            BoardCommissioning(site: "s", device: "d", id: id, time: UnixTime(seconds: seconds), measuredBy: "m",
                               instruments: "i", scanMatched: true, drift: [])
        }
        try store.recordCommissioning(visit("new", 1_790_086_400), receivedAt: UnixTime(seconds: 1_790_090_000))
        try store.recordCommissioning(visit("old", 1_790_000_000), receivedAt: UnixTime(seconds: 1_790_090_001))
        #expect(try store.commissioning().map(\.id) == ["new"])
    }
}
