import AggregatorKit
import Foundation
import GatewayCore
import MQTTTransport
import SenML
import Testing
import TestSupport

/// Calibration records drive what the gateway publishes: a record written by `sensor-gateway calibrate` while
/// the gateway runs changes the next published values and the id they carry.
@Suite(.serialized) struct CalibrationEndToEndTests {
    static let site = Paths.packageRoot + "/Board/sites/kumamoto-well-07.yaml"

    /// Copies the shipped records so the test can append to them.
    func scratchRecords() throws -> (dir: String, records: String) {
        let dir = Paths.scratch("cal")
        let records = dir + "/kumamoto-well-07"
        try FileManager.default.copyItem(atPath: Paths.packageRoot + "/Calibration/records/kumamoto-well-07", toPath: records)
        return (dir, records)
    }

    func run(_ args: [String], in dir: String, name: String, stdin: String? = nil, afterSeconds: Double = 0) throws -> (Int32, String) {
        let child = try ChildProcess(Paths.binary("sensor-gateway"), args, logDirectory: dir, name: name, standardInput: stdin.map { _ in true } ?? false)
        if let stdin {
            Thread.sleep(forTimeInterval: afterSeconds)
            child.send(stdin)
        }
        let status = child.wait(seconds: 30)
        return (status ?? -1, child.output)
    }

    @Test func aNewRecordChangesThePublishedValueAndItsID() throws {
        let (dir, records) = try scratchRecords()
        let broker = try MosquittoBroker(directory: dir)
        let listener = try MQTTClient(.init(host: "127.0.0.1", port: broker.port, clientID: "listener"))
        try listener.connect()
        _ = listener.pollUntil(timeoutMilliseconds: 3000) { if case .connected = $0 { true } else { false } }
        try listener.subscribe("sgw/kumamoto-well-07/+/data")
        _ = listener.pollUntil(timeoutMilliseconds: 3000) { if case .subscribed = $0 { true } else { false } }
        var received: [Reading] = []
        func collect(for seconds: Double) {
            for e in listener.pollUntil(timeoutMilliseconds: Int(seconds * 1000), { _ in false }) {
                if case .message(let m) = e, let r = try? SenMLPack.decode(m.payload, topic: m.topic) { received += r }
            }
        }

        let gateway = try ChildProcess(Paths.binary("sensor-gateway"),
                                       ["run", "--config", Self.site, "--simulate", "--speedup", "10", "--broker", broker.address,
                                        "--state-dir", dir + "/state", "--calibration", records, "--keepalive", "5"],
                                       logDirectory: dir, name: "gateway")
        defer { gateway.kill(SIGKILL) }
        collect(for: 8)
        let column = try #require(received.last { $0.key.channel == "water-column" }, "\(gateway.output)")
        // The linear bench record is in force; the tape reference drives the derived depth to water.
        #expect(column.calibrationID == "well-07-level-2026-04-10-bench")
        let depth = try #require(received.last { $0.key.channel == "depth-below-mp" })
        #expect(depth.method?.contains("tape-reference id=well-07-level-2026-04-15-tape") == true)
        #expect(abs(depth.value!.value - (19.34664 - column.value!.value)) < 1e-9)
        let before = try #require(received.last { $0.key.channel == "enclosure-temperature" })
        #expect(before.calibrationID == nil)

        let (status, output) = try run(["calibrate", "offset", "--config", Self.site, "--calibration", records,
                                        "--channel", "enclosure-temperature", "--simulate", "--by", "Test",
                                        "--instrument", "reference thermometer RT-1", "--reference", "21.5"],
                                       in: dir, name: "calibrate-offset")
        #expect(status == 0, "\(output)")
        let newID = try #require(output.split(separator: " ").first { $0.hasPrefix("enclosure-temperature-offset-") }.map(String.init))

        received.removeAll()
        collect(for: 12)
        let after = try #require(received.last { $0.key.channel == "enclosure-temperature" }, "\(gateway.output)")
        #expect(after.calibrationID == newID)
        #expect(abs(after.value!.value - 21.5) < 1e-9)
        #expect(before.value != after.value)
    }

    @Test func tapeCheckWritesADatumAndReportsDrift() throws {
        let (dir, records) = try scratchRecords()
        let (status, output) = try run(["calibrate", "well-reference", "--config", Self.site, "--calibration", records,
                                        "--channel", "water-column", "--simulate", "--by", "Test", "--instrument", "tape ET-0031",
                                        "--tape", "12.5"], in: dir, name: "calibrate-tape")
        #expect(status == 0, "\(output)")
        #expect(output.contains("previous reference well-07-level-2026-04-15-tape"))
        #expect(output.contains("drift"))
        let text = try String(contentsOfFile: records + "/water-column.yaml", encoding: .utf8)
        #expect(text.contains("tape-depth-m: 12.5"))
        // The earlier records are still there: history is appended, never rewritten.
        #expect(text.contains("id: well-07-level-2026-04-15-tape"))
    }

    @Test func bucketTestCountsPulsesUntilConfirmed() throws {
        let dir = Paths.scratch("kfactor")
        let records = dir + "/kumamoto-paddy-01"
        try FileManager.default.copyItem(atPath: Paths.packageRoot + "/Calibration/records/kumamoto-paddy-01", toPath: records)
        let (status, output) = try run(["calibrate", "flow-kfactor", "--config", Paths.packageRoot + "/Board/sites/kumamoto-paddy-01.yaml",
                                        "--calibration", records, "--channel", "inflow", "--simulate", "--by", "Test",
                                        "--instrument", "20 l bucket", "--litres", "10"],
                                       in: dir, name: "calibrate-k", stdin: "\n", afterSeconds: 7)
        #expect(status == 0, "\(output)")
        #expect(output.contains("K-factor"))
        let text = try String(contentsOfFile: records + "/inflow.yaml", encoding: .utf8)
        #expect(text.contains("method: k-factor"))
        #expect(text.components(separatedBy: "method: k-factor").count == 3, "a second k-factor record was appended")
    }

    @Test func unknownChannelIsNamed() throws {
        let (dir, records) = try scratchRecords()
        let (status, output) = try run(["calibrate", "offset", "--config", Self.site, "--calibration", records,
                                        "--channel", "nope", "--simulate", "--by", "T", "--instrument", "I", "--reference", "1"],
                                       in: dir, name: "calibrate-bad")
        #expect(status != 0)
        #expect(output.contains("site kumamoto-well-07 has no channel nope"))
    }
}
