import FieldText
import GatewayCore

extension LoopFailure {
    /// NAMUR NE 43's failure bands as the technician's problem: low is an open loop or a broken wire, high a
    /// short or the transmitter's own alarm.
    public func fieldProblem(what: String) -> FieldProblem {
        switch self {
        case .low(let current):
            FieldProblem(what: what, happened: .loopCurrentLowHappened, [Self.milliamperes(current)],
                         cause: .loopCurrentLowCause, action: .loopCurrentLowAction)
        case .high(let current):
            FieldProblem(what: what, happened: .loopCurrentHighHappened, [Self.milliamperes(current)],
                         cause: .loopCurrentHighCause, action: .loopCurrentHighAction)
        case .unreadable:
            FieldProblem(what: what, happened: .loopCurrentUnreadableHappened, cause: .loopCurrentUnreadableCause,
                         action: .loopCurrentUnreadableAction)
        }
    }

    /// To 0.01 mA, as a clamp meter shows it.
    static func milliamperes(_ current: Milliamperes) -> String { "\((current.value * 100).rounded() / 100)" }
}
