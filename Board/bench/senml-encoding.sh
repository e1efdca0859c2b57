#!/usr/bin/env bash
# SenML pack encoding, optimised: the board's hand-written JSONWriter against the JSONEncoder path it replaced,
# on the same packs (50 readings each, the backlog drain's batch). Builds GatewayCore and SenML's writer into
# one -O executable with a small driver, so it needs neither a release build of the package nor the board.
# Usage: Board/bench/senml-encoding.sh [packs]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
# One module: the package's imports of its own modules are dropped.
for f in $(find "$root/Sources/GatewayCore" -name '*.swift') "$root"/Sources/SenML/{JSONWriter,SenMLPack,SenMLRecord}.swift; do
  sed -e '/^import GatewayCore$/d' "$f" > "$work/src/$(basename "$(dirname "$f")")-$(basename "$f")"
done
cat > "$work/src/main.swift" <<'SWIFT'
import Foundation

struct WireRecord: Codable {
    var bn: String?, boot: String?, cal: String?, fault: String?, m: String?, mono: UInt64?, n: String?
    var q: String?, s: Double?, seq: UInt64?, t: Double?, u: String?, v: Double?
}

func encodeWithJSONEncoder(_ readings: [Reading]) -> [UInt8] {
    var records: [WireRecord] = []
    records.reserveCapacity(readings.count)
    var device: DeviceID?
    for r in readings {
        var rec = WireRecord(n: r.key.channel.rawValue, seq: r.key.sequence)
        if r.key.device != device { rec.bn = r.key.device.rawValue + ":"; device = r.key.device }
        rec.t = r.time.seconds
        if let v = r.value { rec.v = v.value; rec.u = v.unit }
        if let s = r.sum { rec.s = s.value; if rec.u == nil { rec.u = s.unit } }
        if r.quality != .good { rec.q = r.quality.rawValue }
        rec.cal = r.calibrationID; rec.fault = r.fault; rec.m = r.method
        rec.mono = r.monotonicNanoseconds; rec.boot = r.bootID
        records.append(rec)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return Array((try? encoder.encode(records)) ?? Data())
}

let packCount = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 4000
let packs: [[Reading]] = (0..<packCount).map { pack in
    (0..<50).map { i in
        let n = pack * 50 + i
        var r = Reading(key: ReadingKey(device: "well-07", channel: i % 2 == 0 ? "grid-import" : "indoor", sequence: UInt64(n + 1)),
                        time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(n) * 60_123),
                        value: MeasuredValue(Double(n) * 0.013 + 0.25, i % 2 == 0 ? "kWh" : "Cel"),
                        sum: i % 2 == 0 ? MeasuredValue(123_456.789 + Double(n) * 0.013, "kWh") : nil,
                        calibrationID: i % 2 == 0 ? nil : "indoor-2026-11-20")
        r.monotonicNanoseconds = 12_345_678_901_234 + UInt64(n) * 60_000_000_000
        r.bootID = "8d1c2f0e-7c1a-4a57-9b57-1f8e0c6d2a11"
        return r
    }
}

func measure(_ name: String, _ encode: ([Reading]) -> [UInt8]) -> Double {
    var bytes = 0
    for pack in packs.prefix(50) { bytes &+= encode(pack).count }  // warm-up
    bytes = 0
    let start = ContinuousClock.now
    for pack in packs { bytes &+= encode(pack).count }
    let d = ContinuousClock.now - start
    let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    let rate = Double(packs.count * 50) / seconds
    print("\(name): \(Int(rate)) readings/s, \(String(format: "%.2f", seconds * 1e9 / Double(packs.count * 50))) ns/reading, \(bytes) bytes")
    return rate
}

precondition(SenMLPack.encode(packs[0]) == encodeWithJSONEncoder(packs[0]), "the two encoders disagree")
let before = measure("JSONEncoder (before)", encodeWithJSONEncoder)
let after = measure("JSONWriter (after)  ", SenMLPack.encode)
print("speed-up: \(String(format: "%.1f", after / before))x")
SWIFT
swiftc -O -wmo -module-name SenMLBench "$work"/src/*.swift -o "$work/senml-bench" 2>&1 | grep -v warning || true
"$work/senml-bench" "${1:-4000}"
