import Foundation
import GatewayCore

/// A board's last technician visit as the city keeps it: who, when, whether the board matched its site file,
/// and the register drift found per meter.
public struct BoardCommissioning: Sendable, Hashable {
    public struct Drift: Sendable, Hashable, Codable {
        public var channel: String
        public var unit: String
        public var gap: Double
        public var registerAdvance: Double
        public var gatewayAdvance: Double
        public var since: String
    }

    public var site: String
    public var device: String
    public var id: String
    public var time: UnixTime
    public var measuredBy: String
    public var instruments: String
    public var scanMatched: Bool
    public var drift: [Drift]

    public init(site: String, device: String, id: String, time: UnixTime, measuredBy: String, instruments: String,
                scanMatched: Bool, drift: [Drift]) {
        self.site = site
        self.device = device
        self.id = id
        self.time = time
        self.measuredBy = measuredBy
        self.instruments = instruments
        self.scanMatched = scanMatched
        self.drift = drift
    }
}

/// The aggregator's reading of a board's retained commissioning message, under the status intake's rules: it may
/// describe only the board whose topic it came on, every name is an id or bounded text, every number finite and
/// within the intake's magnitude, and the visit is not dated in the future.
public enum CommissioningIntake {
    struct WireDrift: Decodable {
        var channel: String
        var unit: String
        var gap: Double
        var registerAdvance: Double
        var gatewayAdvance: Double
        var since: String
    }

    struct WireCommissioning: Decodable {
        var site: String
        var device: String
        var id: String
        var time: Double
        var measuredBy: String
        var instruments: String
        var scan: String
        var drift: [WireDrift]
    }

    /// A board has at most this many meters whose drift a visit reports.
    public static let maximumDrifts = 256

    public static func decode(_ payload: [UInt8], from board: BoardTopic, receivedAt: UnixTime,
                              limits: IntakeLimits = IntakeLimits()) throws(IntakeRefusal) -> BoardCommissioning {
        guard payload.count <= limits.maximumPayloadBytes else {
            throw .payloadTooLarge(bytes: payload.count, limit: limits.maximumPayloadBytes)
        }
        let w: WireCommissioning
        do {
            w = try JSONDecoder().decode(WireCommissioning.self, from: Data(payload))
        } catch {
            throw .malformed("not a JSON commissioning object (\(SenMLIntake.describe(error)))")
        }
        guard w.device == board.device else { throw .namesAnotherBoard(field: "device", named: w.device) }
        guard w.site == board.site else { throw .namesAnotherBoard(field: "site", named: w.site) }
        guard IntakeName.isText(w.id, limit: IntakeName.maximumIDLength * 2) else {
            throw .invalidCommissioning(reason: "id is longer than \(IntakeName.maximumIDLength * 2) bytes or has control characters")
        }
        for (field, text) in [("measuredBy", w.measuredBy), ("instruments", w.instruments)] where !IntakeName.isText(text) {
            throw .invalidCommissioning(reason: "\(field) is longer than \(IntakeName.maximumTextLength) bytes or has control characters")
        }
        guard w.scan == "matches" || w.scan == "mismatch" else {
            throw .invalidCommissioning(reason: "scan \(IntakeName.quoted(w.scan)) is neither matches nor mismatch")
        }
        guard w.time.isFinite, w.time >= 1_577_836_800, w.time <= receivedAt.seconds + limits.futureToleranceSeconds else {
            throw .invalidCommissioning(reason: "time \(w.time) is before 2020 or in the future")
        }
        guard w.drift.count <= maximumDrifts else {
            throw .invalidCommissioning(reason: "\(w.drift.count) drift entries, more than the \(maximumDrifts) a board may have")
        }
        var drift: [BoardCommissioning.Drift] = []
        for (i, d) in w.drift.enumerated() {
            guard IntakeName.isID(d.channel) else {
                throw .invalidCommissioning(reason: "drift[\(i)].channel \(IntakeName.quoted(d.channel)) is not an id")
            }
            guard IntakeName.isText(d.unit, limit: 16), IntakeName.isText(d.since, limit: IntakeName.maximumIDLength * 2) else {
                throw .invalidCommissioning(reason: "drift[\(i)]: unit or since is too long or has control characters")
            }
            for (field, value) in [("gap", d.gap), ("registerAdvance", d.registerAdvance), ("gatewayAdvance", d.gatewayAdvance)]
            where !(value.isFinite && abs(value) <= limits.maximumMagnitude) {
                throw .invalidCommissioning(reason: "drift[\(i)].\(field) \(value) is not a finite number within ±\(limits.maximumMagnitude)")
            }
            drift.append(.init(channel: d.channel, unit: d.unit, gap: d.gap, registerAdvance: d.registerAdvance,
                               gatewayAdvance: d.gatewayAdvance, since: d.since))
        }
        return BoardCommissioning(site: w.site, device: w.device, id: w.id, time: UnixTime(seconds: w.time),
                                  measuredBy: w.measuredBy, instruments: w.instruments, scanMatched: w.scan == "matches",
                                  drift: drift)
    }
}
