import FieldText

extension MQTTError {
    /// The broker connection's failure as a technician's problem: which broker, what failed, the likely cause
    /// (network, login, certificate, protocol) and what to do.
    public var fieldProblem: FieldProblem {
        let what = "broker \(broker)"
        return switch kind {
        case .unreachable:
            FieldProblem(what: what, happened: .mqttUnreachableHappened, [operation, detail],
                         cause: .mqttUnreachableCause, action: .mqttUnreachableAction)
        case .refused:
            FieldProblem(what: what, happened: .mqttRefusedHappened, [operation, detail], cause: .mqttRefusedCause,
                         action: .mqttRefusedAction)
        case .tls:
            FieldProblem(what: what, happened: .mqttTLSHappened, [detail], cause: .mqttTLSCause, action: .mqttTLSAction)
        case .protocolError:
            FieldProblem(what: what, happened: .mqttProtocolHappened, [operation, detail], cause: .mqttProtocolCause,
                         action: .mqttProtocolAction)
        }
    }
}
