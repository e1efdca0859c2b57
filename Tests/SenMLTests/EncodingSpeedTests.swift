import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing

/// The backlog drain spent 22 % of its time in JSON encoding with `JSONEncoder`. The board now writes packs by
/// hand. This checks the hand-written pack is the one `JSONEncoder` wrote, byte for byte, and prints both rates
/// on the same readings. Debug builds say little about speed (the writer is unoptimised, Foundation is not):
/// Board/bench/senml-encoding.sh measures both optimised for BENCHMARKS.md.
@Suite struct EncodingSpeedTests {
    static let packs: [[Reading]] = (0..<400).map { pack in
        (0..<50).map { i in
            var r = Reading(key: ReadingKey(device: "well-07", channel: i % 2 == 0 ? "grid-import" : "indoor",
                                            sequence: UInt64(pack * 50 + i + 1)),
                            time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(pack * 50 + i) * 60_000),
                            value: MeasuredValue(Double(pack * 50 + i) * 0.013 + 0.25, i % 2 == 0 ? "kWh" : "Cel"),
                            sum: i % 2 == 0 ? MeasuredValue(123_456.789 + Double(i), "kWh") : nil,
                            calibrationID: i % 2 == 0 ? nil : "indoor-2026-11-20")
            r.monotonicNanoseconds = 12_345_678_901_234 + UInt64(i)
            r.bootID = "8d1c2f0e-7c1a-4a57-9b57-1f8e0c6d2a11"
            return r
        }
    }

    /// The pack as the board wrote it before: `SenMLRecord`s through `JSONEncoder` with sorted keys.
    static func encodeWithJSONEncoder(_ readings: [Reading]) -> [UInt8] {
        var records: [SenMLRecord] = []
        var device: DeviceID?
        for r in readings {
            var rec = SenMLRecord(n: r.key.channel.rawValue, seq: r.key.sequence)
            if r.key.device != device { rec.bn = r.key.device.rawValue + ":"; device = r.key.device }
            rec.t = r.time.seconds
            if let v = r.value { rec.v = v.value; rec.u = v.unit }
            if let s = r.sum { rec.s = s.value; if rec.u == nil { rec.u = s.unit } }
            rec.cal = r.calibrationID
            rec.mono = r.monotonicNanoseconds
            rec.boot = r.bootID
            records.append(rec)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(records)) ?? Data())
    }

    static func readingsPerSecond(_ encode: ([Reading]) -> [UInt8]) -> (rate: Double, bytes: Int) {
        var bytes = 0
        let start = ContinuousClock.now
        for pack in packs { bytes += encode(pack).count }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (Double(packs.count * 50) / seconds, bytes)
    }

    @Test func theHandWrittenPackIsTheOneJSONEncoderWrote() {
        // Same records, same key order: the earlier encoder additionally escaped "/" in strings (none here).
        for pack in Self.packs.prefix(20) {
            #expect(SenMLPack.encode(pack) == Self.encodeWithJSONEncoder(pack))
        }
        _ = Self.readingsPerSecond(SenMLPack.encode)
        let before = Self.readingsPerSecond(Self.encodeWithJSONEncoder)
        let after = Self.readingsPerSecond(SenMLPack.encode)
        print("SenML encoding (debug build), \(Self.packs.count) packs of 50: JSONEncoder \(Int(before.rate)) readings/s, hand-written \(Int(after.rate)) readings/s (\(after.bytes) bytes)")
        #expect(after.bytes == before.bytes)
    }
}
