import Foundation
import GatewayCore

/// The aggregator's reading of a board's retained status message. The status may describe only the board
/// whose topic it came on: its `site` and `device` must be the topic's, so one board's status can never
/// touch another board's channel roles or state.
public enum StatusIntake {
    struct WireChannel: Decodable {
        var id: String
        var quantity: String
        var role: String?
        var unit: String
        var intervalSeconds: Double
        var driver: String
    }

    struct WireStatus: Decodable {
        var state: String
        var site: String
        var siteKind: String?
        var municipality: String?
        var device: String
        var firmware: String?
        var configHash: String?
        var channels: [WireChannel]?
        var failedSensors: [String: String]?
        var backlog: Double?
        var oldestUnsentTime: Double?
        var losses: Double?
        var clockSynchronised: Bool?
        var journalMovedAside: String?
        var resendUnavailable: Double?
        var time: Double?
    }

    /// The status on `board`'s topic, or why it is refused. An empty payload (a cleared retained message)
    /// is not a status: callers skip it before decoding.
    public static func decode(_ payload: [UInt8], from board: BoardTopic,
                              limits: IntakeLimits = IntakeLimits()) throws(IntakeRefusal) -> BoardStatus {
        guard payload.count <= limits.maximumPayloadBytes else {
            throw .payloadTooLarge(bytes: payload.count, limit: limits.maximumPayloadBytes)
        }
        let w: WireStatus
        do {
            w = try JSONDecoder().decode(WireStatus.self, from: Data(payload))
        } catch {
            throw .malformed("not a JSON status object (\(SenMLIntake.describe(error)))")
        }
        guard w.device == board.device else { throw .namesAnotherBoard(field: "device", named: w.device) }
        guard w.site == board.site else { throw .namesAnotherBoard(field: "site", named: w.site) }
        guard let state = BoardStatus.State(rawValue: w.state) else {
            throw .invalidStatus(reason: "state \(IntakeName.quoted(w.state)) is neither online nor offline")
        }
        for (field, text, limit) in [("siteKind", w.siteKind, IntakeName.maximumIDLength),
                                     ("municipality", w.municipality, IntakeName.maximumIDLength),
                                     ("firmware", w.firmware, IntakeName.maximumIDLength * 2),
                                     ("configHash", w.configHash, IntakeName.maximumIDLength * 2),
                                     ("journalMovedAside", w.journalMovedAside, IntakeName.maximumTextLength)] {
            if let text, !IntakeName.isText(text, limit: limit) {
                throw .invalidStatus(reason: "\(field) is longer than \(limit) bytes or has control characters")
            }
        }
        let channels = w.channels ?? []
        guard channels.count <= limits.maximumChannelsPerStatus else {
            throw .tooManyChannels(count: channels.count, limit: limits.maximumChannelsPerStatus)
        }
        for c in channels {
            guard IntakeName.isID(c.id) else { throw .invalidStatus(reason: "channel id \(IntakeName.quoted(c.id)) is not 1 to \(IntakeName.maximumIDLength) of A-Z a-z 0-9 . _ -") }
            guard IntakeName.isID(c.quantity), c.role.map(IntakeName.isID) ?? true else {
                throw .invalidStatus(reason: "channel \(c.id): quantity or role is not an id of up to \(IntakeName.maximumIDLength) characters")
            }
            guard IntakeName.isUnit(c.unit) else { throw .invalidStatus(reason: "channel \(c.id): unit \(IntakeName.quoted(c.unit)) is not 1 to \(IntakeName.maximumUnitLength) printable characters") }
            guard !c.driver.isEmpty, IntakeName.isText(c.driver, limit: IntakeName.maximumIDLength) else {
                throw .invalidStatus(reason: "channel \(c.id): driver is empty, longer than \(IntakeName.maximumIDLength) bytes or has control characters")
            }
            guard c.intervalSeconds.isFinite, c.intervalSeconds >= 0, c.intervalSeconds <= limits.maximumIntervalSeconds else {
                throw .invalidStatus(reason: "channel \(c.id): interval \(c.intervalSeconds) s is not from 0 (derived, on change) to \(limits.maximumIntervalSeconds) s")
            }
        }
        if let failed = w.failedSensors {
            guard failed.count <= limits.maximumChannelsPerStatus,
                  failed.allSatisfy({ !$0.key.isEmpty && IntakeName.isText($0.key, limit: IntakeName.maximumIDLength) && IntakeName.isText($0.value) }) else {
                throw .invalidStatus(reason: "failedSensors has more than \(limits.maximumChannelsPerStatus) entries, or a name or reason out of bounds")
            }
        }
        func count(_ x: Double?, _ field: String) throws(IntakeRefusal) -> Int? {
            guard let x else { return nil }
            guard x >= 0, x < Double(IntakeLimits.sequenceBound), x.rounded(.towardZero) == x else {
                throw .invalidStatus(reason: "\(field) \(x) is not a whole number from 0 to 2^53 − 1")
            }
            return Int(x)
        }
        func instant(_ x: Double?, _ field: String) throws(IntakeRefusal) -> Double? {
            guard let x else { return nil }
            guard x.isFinite, x >= 0, x < 1e11 else { throw .invalidStatus(reason: "\(field) \(x) is not a time in seconds since 1970") }
            return x
        }
        return BoardStatus(state: state, site: board.site, siteKind: w.siteKind, municipality: w.municipality,
                           device: board.device, firmware: w.firmware, configHash: w.configHash,
                           channels: w.channels.map { $0.map {
                               .init(id: $0.id, quantity: $0.quantity, role: $0.role, unit: $0.unit,
                                     intervalSeconds: $0.intervalSeconds, driver: $0.driver)
                           } },
                           failedSensors: w.failedSensors, backlog: try count(w.backlog, "backlog"),
                           oldestUnsentTime: try instant(w.oldestUnsentTime, "oldestUnsentTime"),
                           losses: try count(w.losses, "losses"), clockSynchronised: w.clockSynchronised,
                           journalMovedAside: w.journalMovedAside,
                           resendUnavailable: try count(w.resendUnavailable, "resendUnavailable"),
                           time: try instant(w.time, "time"))
    }
}
