import AggregatorKit
import FuzzSupport
import GatewayCore

/// The aggregator's SenML intake: no payload may trap, and what it accepts is within the intake's bounds.
let board = BoardTopic(site: "kumamoto-well-07", device: "kumamoto-well-07-gw1", kind: .data,
                       topic: "sgw/kumamoto-well-07/kumamoto-well-07-gw1/data")
let receivedAt = UnixTime(milliseconds: 1_790_000_000_000)
let firstSeen = UnixTime(milliseconds: 1_780_000_000_000)
let limits = IntakeLimits()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let pack = try? SenMLIntake.decode(FuzzInput.bytes(data, size), from: board, receivedAt: receivedAt,
                                             firstSeen: firstSeen, limits: limits) else { return 0 }
    for r in pack.accepted {
        if r.key.device.rawValue != board.device { FuzzInput.violated("accepted a reading of another device") }
        if r.key.sequence >= IntakeLimits.sequenceBound { FuzzInput.violated("accepted seq \(r.key.sequence)") }
        if r.time.seconds > receivedAt.seconds + limits.futureToleranceSeconds + 1 { FuzzInput.violated("accepted a future reading") }
        if r.time.seconds < IntakeLimits.earliestPlausibleSeconds { FuzzInput.violated("accepted a reading before 2020") }
        for v in [r.value?.value, r.sum?.value].compactMap({ $0 }) where !(v.isFinite && abs(v) <= limits.maximumMagnitude) {
            FuzzInput.violated("accepted value \(v)")
        }
        if !IntakeName.isID(r.key.channel.rawValue) { FuzzInput.violated("accepted a channel name out of bounds") }
    }
    for q in pack.quarantined where !q.timeSeconds.isFinite || q.sequence >= IntakeLimits.sequenceBound {
        FuzzInput.violated("quarantined a reading with an unstorable time or seq")
    }
    return 0
}
