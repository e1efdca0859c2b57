import Foundation
import GatewayCore

/// What one data message yielded: readings to store, readings to keep aside, and records refused.
public struct PackIntake: Sendable {
    public var accepted: [Reading] = []
    public var quarantined: [QuarantinedReading] = []
    public var refused: [IntakeRefusal] = []
}

/// The aggregator's reading of a board's SenML pack (RFC 8428 JSON, with this project's `seq`, `q`, `cal`,
/// `fault` and `m` fields). Every record is resolved against its base fields and checked before it becomes a
/// `Reading`: the device it names must be the board whose topic it came on, and its sequence number, time,
/// values and strings must be in range.
public enum SenMLIntake {
    /// One record as it may appear on the wire. Numbers are read as doubles and checked, so no value (a
    /// sequence number of 2^64, a negative one, a fraction) can fail the decoding of the whole pack or trap
    /// in a conversion.
    struct WireRecord {
        var bn: String?
        var bt: Double?
        var bu: String?
        var bv: Double?
        var bs: Double?
        var n: String?
        var u: String?
        var v: Double?
        var s: Double?
        var t: Double?
        var seq: Double?
        var q: String?
        var cal: String?
        var fault: String?
        var m: String?
    }

    /// Decodes and checks a data payload that arrived on `board`'s topic at `receivedAt`. `firstSeen` is
    /// when the city first heard of the board (nil: now). Throws when the message as a whole is unusable.
    public static func decode(_ payload: [UInt8], from board: BoardTopic, receivedAt: UnixTime, firstSeen: UnixTime?,
                              limits: IntakeLimits = IntakeLimits()) throws(IntakeRefusal) -> PackIntake {
        guard payload.count <= limits.maximumPayloadBytes else {
            throw .payloadTooLarge(bytes: payload.count, limit: limits.maximumPayloadBytes)
        }
        let now = receivedAt.seconds
        let earliest = max(IntakeLimits.earliestPlausibleSeconds,
                           (firstSeen ?? receivedAt).seconds - limits.backlogBeforeFirstSeenSeconds)
        var out = PackIntake()
        out.accepted.reserveCapacity(16)
        var baseName = "", baseTime = 0.0, baseValue = 0.0, baseSum = 0.0
        var baseUnit: String?
        var i = 0
        // Records are checked as they are read; a message that turns out malformed, or with too many records, is
        // refused whole all the same, as nothing of it leaves this function before the end.
        let records = try forEachWireRecord(payload) { rec throws(IntakeRefusal) in
            defer { i += 1 }
            guard i < limits.maximumRecordsPerPack else { return }
            if let bn = rec.bn { baseName = bn }
            if let bt = rec.bt { baseTime = bt }
            if let bu = rec.bu { baseUnit = bu }
            if let bv = rec.bv { baseValue = bv }
            if let bs = rec.bs { baseSum = bs }
            do throws(IntakeRefusal) {
                switch try record(rec, index: i, baseName: baseName, baseTime: baseTime, baseUnit: baseUnit,
                                  baseValue: baseValue, baseSum: baseSum, board: board, now: now, earliest: earliest,
                                  limits: limits) {
                case .accepted(let r): out.accepted.append(r)
                case .quarantined(let q): out.quarantined.append(q)
                }
            } catch {
                out.refused.append(error)
            }
        }
        guard records <= limits.maximumRecordsPerPack else {
            throw .tooManyRecords(count: records, limit: limits.maximumRecordsPerPack)
        }
        return out
    }

    enum Outcome {
        case accepted(Reading)
        case quarantined(QuarantinedReading)
    }

    static func record(_ rec: borrowing WireRecord, index i: Int, baseName: String, baseTime: Double, baseUnit: String?,
                       baseValue: Double, baseSum: Double, board: BoardTopic, now: Double, earliest: Double,
                       limits: IntakeLimits) throws(IntakeRefusal) -> Outcome {
        let device: String, channel: String
        if let n = rec.n, !n.utf8.contains(0x3A), baseName.utf8.last == 0x3A,
           baseName.utf8.count + n.utf8.count <= 2 * IntakeName.maximumIDLength + 1 {
            // The usual pack: `bn` is "<device>:" and each `n` a channel. Its two halves are taken as they are,
            // without joining them and splitting the name again.
            device = String(baseName.utf8.dropLast())!
            channel = n
        } else {
            let name = baseName + (rec.n ?? "")
            guard name.utf8.count <= 2 * IntakeName.maximumIDLength + 1, let colon = name.lastIndex(of: ":") else {
                throw .invalidRecord(index: i, reason: "name \(IntakeName.quoted(name)) is not <device>:<channel> of ids up to \(IntakeName.maximumIDLength) characters")
            }
            device = String(name[..<colon])
            channel = String(name[name.index(after: colon)...])
        }
        guard device == board.device else { throw .namesAnotherBoard(field: "record \(i) name", named: device) }
        guard IntakeName.isID(channel) else {
            throw .invalidRecord(index: i, reason: "channel \(IntakeName.quoted(channel)) is not 1 to \(IntakeName.maximumIDLength) of A-Z a-z 0-9 . _ -")
        }
        guard let seqNumber = rec.seq else { throw .invalidRecord(index: i, reason: "\(channel) has no seq") }
        guard seqNumber >= 0, seqNumber < Double(IntakeLimits.sequenceBound), seqNumber.rounded(.towardZero) == seqNumber else {
            throw .invalidRecord(index: i, reason: "\(channel) seq \(seqNumber) is not a whole number from 0 to 2^53 − 1")
        }
        let seq = UInt64(seqNumber)
        func checked(_ base: Double, _ x: Double?, _ field: String) throws(IntakeRefusal) -> Double? {
            guard let x else { return nil }
            let resolved = base + x
            guard resolved.isFinite, abs(resolved) <= limits.maximumMagnitude else {
                throw .invalidRecord(index: i, reason: "\(channel) seq \(seq): \(field) \(resolved) is not a finite number of magnitude at most \(limits.maximumMagnitude)")
            }
            return resolved
        }
        let value = try checked(baseValue, rec.v, "value")
        let sum = try checked(baseSum, rec.s, "sum")
        let unit = rec.u ?? baseUnit ?? ""
        guard unit.isEmpty || IntakeName.isUnit(unit) else {
            throw .invalidRecord(index: i, reason: "\(channel) seq \(seq): unit \(IntakeName.quoted(unit)) is not 1 to \(IntakeName.maximumUnitLength) printable characters")
        }
        // Checked one by one, not from an array literal of the four: that array was built for every record.
        func text(_ field: String, _ text: String?, limit: Int) throws(IntakeRefusal) {
            if let text, !IntakeName.isText(text, limit: limit) {
                throw .invalidRecord(index: i, reason: "\(channel) seq \(seq): \(field) is longer than \(limit) bytes or has control characters")
            }
        }
        try text("cal", rec.cal, limit: IntakeName.maximumIDLength)
        try text("fault", rec.fault, limit: IntakeName.maximumTextLength)
        try text("m", rec.m, limit: IntakeName.maximumTextLength)
        try text("q", rec.q, limit: IntakeName.maximumIDLength)
        var time = baseTime + (rec.t ?? 0)
        guard time.isFinite else {
            throw .invalidRecord(index: i, reason: "\(channel) seq \(seq): time is not a finite number")
        }
        // RFC 8428 §4.5.3: below 2^28 the time is relative to now (negative: in the past).
        if time < IntakeLimits.relativeTimeBound { time += now }
        let quality = rec.q.map { ReadingQuality(rawValue: $0) } ?? .good
        func aside(_ reason: QuarantinedReading.Reason) -> Outcome {
            .quarantined(QuarantinedReading(channel: channel, sequence: seq, timeSeconds: time, value: value, sum: sum,
                                            unit: unit, quality: rec.q ?? "good", reason: reason))
        }
        if time > now + limits.futureToleranceSeconds { return aside(.future) }
        if time < earliest { return aside(.beforeFirstSeen) }
        guard let quality else { return aside(.unknownQuality) }
        return .accepted(Reading(key: ReadingKey(device: DeviceID(device), channel: ChannelID(channel), sequence: seq),
                                 time: UnixTime(seconds: time), value: value.map { MeasuredValue($0, unit) },
                                 sum: sum.map { MeasuredValue($0, unit) }, quality: quality,
                                 calibrationID: rec.cal, fault: rec.fault, method: rec.m))
    }

    /// A decoding error in a sentence, without echoing the payload.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): expected \(type)"
        case DecodingError.valueNotFound(_, let context), DecodingError.keyNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription.prefix(120))"
        default:
            "\(String(describing: error).prefix(120))"
        }
    }
}
