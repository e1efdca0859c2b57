import Foundation
import GatewayCore

public struct SenMLError: Error, CustomStringConvertible, Sendable {
    public var topic: String
    public var reason: String
    public init(topic: String, reason: String) {
        self.topic = topic
        self.reason = reason
    }
    public var description: String { "SenML pack on \(topic): \(reason)" }
}

/// Readings of one device as a SenML pack. Names are `<device>:<channel>`; the base name carries the device
/// so records stay short. Times are absolute (seconds since 1970) because a relative SenML time would lose the
/// reading's own instant when a backlog is replayed after an outage.
public enum SenMLPack {
    public static func encode(_ readings: [Reading]) -> [UInt8] {
        var records: [SenMLRecord] = []
        records.reserveCapacity(readings.count)
        var currentDevice: DeviceID?
        for r in readings {
            var rec = SenMLRecord(n: r.key.channel.rawValue, seq: r.key.sequence)
            if r.key.device != currentDevice {
                rec.bn = r.key.device.rawValue + ":"
                currentDevice = r.key.device
            }
            rec.t = r.time.seconds
            if let v = r.value { rec.v = v.value; rec.u = v.unit }
            if let s = r.sum {
                rec.s = s.value
                if rec.u == nil { rec.u = s.unit }
            }
            if r.quality != .good { rec.q = r.quality.rawValue }
            rec.cal = r.calibrationID
            rec.fault = r.fault
            rec.m = r.method
            rec.mono = r.monotonicNanoseconds
            rec.boot = r.bootID
            records.append(rec)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(records)) ?? Data("[]".utf8))
    }

    /// Resolves base fields (RFC 8428 §4.6) and returns the readings the pack carries.
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
