import Foundation
import GatewayCore
import SenML

// The city's readers of what boards publish. The board side (SenML) is Embedded Swift and writes JSON by hand;
// the aggregator runs the full toolchain and reads with Foundation's JSONDecoder, as before. The conformances
// are spelled out because Swift synthesises Codable only in the type's own file.

extension SenMLPack {
    /// Resolves base fields (RFC 8428 §4.6) and returns the readings the pack carries, as they are: for tests
    /// and tools that watch a board's own output. The aggregator reads boards through `SenMLIntake`, which
    /// also checks identity, ranges and names; this reader only refuses what would trap.
    public static func decode(_ payload: [UInt8], topic: String) throws(SenMLError) -> [Reading] {
        let records: [SenMLRecord]
        do {
            records = try JSONDecoder().decode([SenMLRecord].self, from: Data(payload))
        } catch {
            throw SenMLError(topic: topic, reason: "not a SenML JSON array (\(error))")
        }
        var baseName = "", baseTime = 0.0
        var baseUnit: String?
        var out: [Reading] = []
        for (i, rec) in records.enumerated() {
            if let bn = rec.bn { baseName = bn }
            if let bt = rec.bt { baseTime = bt }
            if let bu = rec.bu { baseUnit = bu }
            let name = baseName + (rec.n ?? "")
            guard let colon = name.lastIndex(of: ":") else {
                throw SenMLError(topic: topic, reason: "record \(i): name \"\(name)\" is not <device>:<channel>")
            }
            guard let seq = rec.seq else { throw SenMLError(topic: topic, reason: "record \(i) (\(name)): no seq") }
            let unit = rec.u ?? baseUnit ?? ""
            let key = ReadingKey(device: DeviceID(String(name[..<colon])),
                                 channel: ChannelID(String(name[name.index(after: colon)...])), sequence: seq)
            var t = baseTime + (rec.t ?? 0)
            // RFC 8428: values below 2^28 are relative to now.
            if t < 268_435_456 { t += Date().timeIntervalSince1970 }
            // Milliseconds since 1970 must fit an Int64 (UnixTime); 1e12 s is 31,000 years from now.
            guard t.isFinite, abs(t) < 1e12 else {
                throw SenMLError(topic: topic, reason: "record \(i) (\(name)): time \(t) is not seconds since 1970")
            }
            var reading = Reading(key: key, time: UnixTime(seconds: t),
                               value: rec.v.map { MeasuredValue($0, unit) },
                               sum: rec.s.map { MeasuredValue($0, unit) },
                               quality: rec.q.flatMap(ReadingQuality.init(rawValue:)) ?? .good,
                               calibrationID: rec.cal, fault: rec.fault, method: rec.m)
            reading.monotonicNanoseconds = rec.mono
            reading.bootID = rec.boot
            out.append(reading)
        }
        return out
    }
}

extension DeviceStatus {
    public static func decode(_ payload: [UInt8]) -> DeviceStatus? {
        try? JSONDecoder().decode(DeviceStatus.self, from: Data(payload))
    }
}

private enum SenMLRecordKey: String, CodingKey {
    case bn, bt, bu, bver, n, u, v, vs, vb, s, t, seq, q, cal, fault, m, mono, boot
}

extension SenMLRecord: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SenMLRecordKey.self)
        self.init(bn: try c.decodeIfPresent(String.self, forKey: .bn), bt: try c.decodeIfPresent(Double.self, forKey: .bt),
                  bu: try c.decodeIfPresent(String.self, forKey: .bu), bver: try c.decodeIfPresent(Int.self, forKey: .bver),
                  n: try c.decodeIfPresent(String.self, forKey: .n), u: try c.decodeIfPresent(String.self, forKey: .u),
                  v: try c.decodeIfPresent(Double.self, forKey: .v), vs: try c.decodeIfPresent(String.self, forKey: .vs),
                  vb: try c.decodeIfPresent(Bool.self, forKey: .vb), s: try c.decodeIfPresent(Double.self, forKey: .s),
                  t: try c.decodeIfPresent(Double.self, forKey: .t), seq: try c.decodeIfPresent(UInt64.self, forKey: .seq),
                  q: try c.decodeIfPresent(String.self, forKey: .q), cal: try c.decodeIfPresent(String.self, forKey: .cal),
                  fault: try c.decodeIfPresent(String.self, forKey: .fault), m: try c.decodeIfPresent(String.self, forKey: .m))
        mono = try c.decodeIfPresent(UInt64.self, forKey: .mono)
        boot = try c.decodeIfPresent(String.self, forKey: .boot)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SenMLRecordKey.self)
        try c.encodeIfPresent(bn, forKey: .bn)
        try c.encodeIfPresent(bt, forKey: .bt)
        try c.encodeIfPresent(bu, forKey: .bu)
        try c.encodeIfPresent(bver, forKey: .bver)
        try c.encodeIfPresent(n, forKey: .n)
        try c.encodeIfPresent(u, forKey: .u)
        try c.encodeIfPresent(v, forKey: .v)
        try c.encodeIfPresent(vs, forKey: .vs)
        try c.encodeIfPresent(vb, forKey: .vb)
        try c.encodeIfPresent(s, forKey: .s)
        try c.encodeIfPresent(t, forKey: .t)
        try c.encodeIfPresent(seq, forKey: .seq)
        try c.encodeIfPresent(q, forKey: .q)
        try c.encodeIfPresent(cal, forKey: .cal)
        try c.encodeIfPresent(fault, forKey: .fault)
        try c.encodeIfPresent(m, forKey: .m)
        try c.encodeIfPresent(mono, forKey: .mono)
        try c.encodeIfPresent(boot, forKey: .boot)
    }
}

private enum DeviceStatusKey: String, CodingKey {
    case state, site, siteKind, municipality, device, firmware, configHash, channels, failedSensors, backlog
    case oldestUnsentTime, losses, clockSynchronised, journalMovedAside, resendUnavailable, time
}

private enum DeviceStatusChannelKey: String, CodingKey {
    case id, quantity, role, unit, intervalSeconds, driver
}

extension DeviceStatus.Channel: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: DeviceStatusChannelKey.self)
        self.init(id: try c.decode(String.self, forKey: .id), quantity: try c.decode(String.self, forKey: .quantity),
                  role: try c.decodeIfPresent(String.self, forKey: .role), unit: try c.decode(String.self, forKey: .unit),
                  intervalSeconds: try c.decode(Double.self, forKey: .intervalSeconds),
                  driver: try c.decode(String.self, forKey: .driver))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DeviceStatusChannelKey.self)
        try c.encode(id, forKey: .id)
        try c.encode(quantity, forKey: .quantity)
        try c.encodeIfPresent(role, forKey: .role)
        try c.encode(unit, forKey: .unit)
        try c.encode(intervalSeconds, forKey: .intervalSeconds)
        try c.encode(driver, forKey: .driver)
    }
}

extension DeviceStatus: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: DeviceStatusKey.self)
        self.init(state: try c.decode(String.self, forKey: .state), site: try c.decode(String.self, forKey: .site),
                  siteKind: try c.decodeIfPresent(String.self, forKey: .siteKind),
                  municipality: try c.decodeIfPresent(String.self, forKey: .municipality),
                  device: try c.decode(String.self, forKey: .device),
                  firmware: try c.decodeIfPresent(String.self, forKey: .firmware),
                  configHash: try c.decodeIfPresent(String.self, forKey: .configHash),
                  channels: try c.decodeIfPresent([Channel].self, forKey: .channels),
                  failedSensors: try c.decodeIfPresent([String: String].self, forKey: .failedSensors),
                  backlog: try c.decodeIfPresent(Int.self, forKey: .backlog),
                  oldestUnsentTime: try c.decodeIfPresent(Double.self, forKey: .oldestUnsentTime),
                  losses: try c.decodeIfPresent(Int.self, forKey: .losses),
                  clockSynchronised: try c.decodeIfPresent(Bool.self, forKey: .clockSynchronised),
                  journalMovedAside: try c.decodeIfPresent(String.self, forKey: .journalMovedAside),
                  resendUnavailable: try c.decodeIfPresent(Int.self, forKey: .resendUnavailable),
                  time: try c.decodeIfPresent(Double.self, forKey: .time))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DeviceStatusKey.self)
        try c.encode(state, forKey: .state)
        try c.encode(site, forKey: .site)
        try c.encodeIfPresent(siteKind, forKey: .siteKind)
        try c.encodeIfPresent(municipality, forKey: .municipality)
        try c.encode(device, forKey: .device)
        try c.encodeIfPresent(firmware, forKey: .firmware)
        try c.encodeIfPresent(configHash, forKey: .configHash)
        try c.encodeIfPresent(channels, forKey: .channels)
        try c.encodeIfPresent(failedSensors, forKey: .failedSensors)
        try c.encodeIfPresent(backlog, forKey: .backlog)
        try c.encodeIfPresent(oldestUnsentTime, forKey: .oldestUnsentTime)
        try c.encodeIfPresent(losses, forKey: .losses)
        try c.encodeIfPresent(clockSynchronised, forKey: .clockSynchronised)
        try c.encodeIfPresent(journalMovedAside, forKey: .journalMovedAside)
        try c.encodeIfPresent(resendUnavailable, forKey: .resendUnavailable)
        try c.encodeIfPresent(time, forKey: .time)
    }
}
