import FieldText

extension TLSProblem {
    /// A certificate the broker would refuse, as a technician's problem about `what` (the file or the board).
    public func fieldProblem(what: String) -> FieldProblem {
        FieldProblem(what: what, happened: .asGiven, [description], cause: .mqttTLSCause, action: .mqttTLSAction)
    }
}
