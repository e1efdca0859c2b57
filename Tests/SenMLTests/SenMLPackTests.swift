import AggregatorKit
import GatewayCore
import SenML
import Testing

@Suite struct SenMLPackTests {
    let t = UnixTime(milliseconds: 1_790_000_000_123)

    func reading(_ channel: String, seq: UInt64, value: Double?, sum: Double? = nil, unit: String = "kWh",
                 quality: ReadingQuality = .good, cal: String? = nil, fault: String? = nil) -> Reading {
        Reading(key: ReadingKey(device: "gw1", channel: ChannelID(channel), sequence: seq), time: t,
                value: value.map { MeasuredValue($0, unit) }, sum: sum.map { MeasuredValue($0, unit) },
                quality: quality, calibrationID: cal, fault: fault)
    }

    @Test func roundTripKeepsIdentityValuesAndExtensions() throws {
        let readings = [
            reading("import", seq: 7, value: 0.25, sum: 1234.5),
            reading("indoor", seq: 8, value: 21.5, unit: "Cel", cal: "indoor-2026-11-20"),
            reading("level", seq: 9, value: nil, unit: "m", quality: .fault, fault: "loop current 2.1 mA: sensor fault"),
            reading("boot", seq: 1, value: 3, unit: "m", quality: .clockUnsynchronised),
            Reading(key: ReadingKey(device: "gw1", channel: "recharge", sequence: 2), time: t,
                    value: MeasuredValue(1.5, "m3"), sum: MeasuredValue(20, "m3"),
                    method: "paddy-water-balance area=12000 m2"),
        ]
        let decoded = try SenMLPack.decode(SenMLPack.encode(readings), topic: "sgw/s/gw1/data")
        #expect(decoded == readings)
    }

    @Test func baseNameAppearsOncePerDevice() {
        let json = String(decoding: SenMLPack.encode([reading("a", seq: 1, value: 1), reading("b", seq: 1, value: 2)]), as: UTF8.self)
        #expect(json.components(separatedBy: "\"bn\"").count == 2)
        #expect(json.contains("\"bn\":\"gw1:\""))
        #expect(json.contains("\"s\":") == false)
    }

    @Test func totalizerCarriesSenMLSum() {
        let json = String(decoding: SenMLPack.encode([reading("import", seq: 1, value: 0.5, sum: 10)]), as: UTF8.self)
        #expect(json.contains("\"s\":10"))
        #expect(json.contains("\"v\":0.5"))
        #expect(json.contains("\"u\":\"kWh\""))
    }

    @Test func baseTimeAndRelativeRecordsResolve() throws {
        let payload = Array(#"[{"bn":"gw2:","bt":1790000000,"n":"t","u":"Cel","v":1,"t":0.5,"seq":3},{"n":"u","v":2,"seq":4}]"#.utf8)
        let r = try SenMLPack.decode(payload, topic: "x")
        #expect(r.map(\.key.device) == ["gw2", "gw2"])
        #expect(r[0].time == UnixTime(milliseconds: 1_790_000_000_500))
        #expect(r[1].time == UnixTime(milliseconds: 1_790_000_000_000))
    }

    @Test func rejectsWhatCannotBeAttributed() {
        #expect(throws: SenMLError.self) { try SenMLPack.decode(Array("{}".utf8), topic: "sgw/a/b/data") }
        do {
            _ = try SenMLPack.decode(Array(#"[{"n":"nocolon","v":1,"seq":1}]"#.utf8), topic: "sgw/a/b/data")
            Issue.record("accepted a name without device")
        } catch {
            #expect(error.description.contains("sgw/a/b/data"))
            #expect(error.description.contains("nocolon"))
        }
        do {
            _ = try SenMLPack.decode(Array(#"[{"bn":"d:","n":"c","v":1}]"#.utf8), topic: "t")
            Issue.record("accepted a record without seq")
        } catch {
            #expect(error.description.contains("no seq"))
        }
    }

    @Test func topicLayout() {
        let l = TopicLayout(prefix: "city/sgw")
        #expect(l.data(site: "s1", device: "d1") == "city/sgw/s1/d1/data")
        #expect(l.parse("city/sgw/s1/d1/status")! == ("s1", "d1", "status"))
        #expect(l.parse("city/sgw/s1/data") == nil)
    }
}
