import FieldText

extension CommissioningLog.Failure {
    /// The failure as a technician's problem: the visits file, what went wrong with it, why, and what to do.
    public var fieldProblem: FieldProblem {
        switch kind {
        case .storage:
            FieldProblem(what: path, happened: .commissioningStorageHappened, [reason],
                         cause: .commissioningStorageCause, action: .commissioningStorageAction)
        case .damagedRecord:
            FieldProblem(what: path, happened: .asGiven, [reason],
                         cause: .commissioningDamagedCause, action: .commissioningDamagedAction)
        case .duplicateID(let id):
            FieldProblem(what: path, happened: .commissioningDuplicateHappened, [id],
                         cause: .commissioningDuplicateCause, action: .commissioningDuplicateAction)
        case .datedBeforeLast(let id, let last):
            FieldProblem(what: path, happened: .commissioningDatedBeforeHappened, [id, last],
                         cause: .commissioningClockCause, action: .commissioningClockAction)
        }
    }
}
