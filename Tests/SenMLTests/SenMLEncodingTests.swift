import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing

/// The board's hand-written JSON: what readers get back, and that nothing JSON cannot carry is ever written.
@Suite struct SenMLEncodingTests {
    let t = UnixTime(milliseconds: 1_790_000_000_123)

    func reading(_ channel: String, seq: UInt64, value: Double?, sum: Double? = nil, unit: String = "kWh") -> Reading {
        Reading(key: ReadingKey(device: "gw1", channel: ChannelID(channel), sequence: seq), time: t,
                value: value.map { MeasuredValue($0, unit) }, sum: sum.map { MeasuredValue($0, unit) })
    }

    @Test(arguments: [0.1, 1.0 / 3, -2.5e-300, 1e308, 123456789.123456789, 5e-324, -0.0, 9_007_199_254_740_993.0,
                      4.35, 1e21, 0.000001, 2.2250738585072014e-308, -17])
    func numbersReadBackExactly(value: Double) throws {
        let decoded = try SenMLPack.decode(SenMLPack.encode([reading("x", seq: 1, value: value, sum: value)]), topic: "t")
        #expect(decoded[0].value?.value == value)
        #expect(decoded[0].sum?.value == value)
        #expect(decoded[0].value?.value.sign == value.sign)
    }

    @Test func randomNumbersReadBackExactly() throws {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<2000).map { _ in Double(bitPattern: generator.next() as UInt64) }.filter(\.isFinite)
        let readings = values.enumerated().map { reading("x", seq: UInt64($0.offset + 1), value: $0.element) }
        let decoded = try SenMLPack.decode(SenMLPack.encode(readings), topic: "t")
        #expect(decoded.map { $0.value!.value } == values)
    }

    @Test(arguments: [Int64(0), 1, 10, 999, 1000, 1_790_000_000_000, 1_790_000_000_001, 1_790_000_000_010,
                      1_790_000_000_100, 1_790_000_000_120, 9_007_199_254_740_991, 9_007_199_254_740_992, -1500])
    func timesAreWrittenAsTheirSecondsDouble(milliseconds: Int64) throws {
        var r = reading("x", seq: 1, value: 1)
        r.time = UnixTime(milliseconds: milliseconds)
        let json = String(decoding: SenMLPack.encode([r]), as: UTF8.self)
        var expected = (Double(milliseconds) / 1000).description
        if expected.hasSuffix(".0") { expected.removeLast(2) }
        #expect(json.contains("\"t\":\(expected),"), "\(json)")
    }

    @Test func stringsAreEscaped() throws {
        var r = reading("x", seq: 1, value: nil)
        r.quality = .fault
        r.fault = "quote \" backslash \\ newline \n tab \t bell \u{07} slash / 日本"
        let decoded = try SenMLPack.decode(SenMLPack.encode([r]), topic: "t")
        #expect(decoded == [r])
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aNonFiniteValueBecomesAFaultRecordAndTheRestOfThePackIsUnaffected(bad: Double) throws {
        let readings = [reading("a", seq: 1, value: 1.5), reading("b", seq: 2, value: bad, sum: 3),
                        reading("c", seq: 3, value: 2, sum: bad), reading("d", seq: 4, value: 4)]
        let payload = SenMLPack.encode(readings)
        // Valid JSON that any reader takes.
        _ = try JSONSerialization.jsonObject(with: Data(payload))
        let decoded = try SenMLPack.decode(payload, topic: "t")
        #expect(decoded.count == 4)
        #expect(decoded[0] == readings[0])
        #expect(decoded[3] == readings[3])
        for broken in [decoded[1], decoded[2]] {
            #expect(broken.quality == .fault)
            #expect(broken.value == nil && broken.sum == nil)
            #expect(broken.fault == SenMLPack.notFiniteFault)
        }
    }

    @Test func statusReadsBackAsWritten() throws {
        let status = DeviceStatus(
            state: "online", site: "sapporo-01", siteKind: "building", municipality: "Sapporo", device: "gw1",
            firmware: "0.1.0", configHash: "abc", channels: [
                .init(id: "indoor", quantity: "temperature", role: "indoor", unit: "Cel", intervalSeconds: 60, driver: "bme280"),
                .init(id: "district-heat", quantity: "heat", role: nil, unit: "J", intervalSeconds: 0.5, driver: "derived:flow"),
            ],
            failedSensors: ["b": "TMP117 on /dev/i2c-1 \"x\"", "a": "gone"], backlog: 7, oldestUnsentTime: 1_790_000_000.123,
            losses: 0, clockSynchronised: true, journalMovedAside: "/var/lib/x.corrupt", resendUnavailable: 3,
            time: 1_790_000_001.5)
        let text = String(decoding: status.encoded(), as: UTF8.self)
        #expect(DeviceStatus.decode(status.encoded()) == status)
        #expect(text.hasPrefix(#"{"backlog":7,"channels":[{"driver":"bme280","id":"indoor","intervalSeconds":60,"#))
        #expect(text.contains(#""failedSensors":{"a":"gone","b":"#))
        #expect(text.hasSuffix(#""state":"online","time":1790000001.5}"#))
        let minimal = DeviceStatus(state: "offline", site: "s", device: "d")
        #expect(String(decoding: minimal.encoded(), as: UTF8.self) == #"{"device":"d","site":"s","state":"offline"}"#)
    }

    @Test func aNonFiniteStatusNumberIsLeftOutNotSpoilingTheMessage() throws {
        let status = DeviceStatus(state: "online", site: "s", device: "d", oldestUnsentTime: .nan, time: .infinity)
        #expect(String(decoding: status.encoded(), as: UTF8.self) == #"{"device":"d","site":"s","state":"online"}"#)
    }
}
