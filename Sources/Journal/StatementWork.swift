import CSQLite

/// What SQLite did for the journal's statements on one connection, from `sqlite3_stmt_status`: the virtual
/// machine's steps, the steps of full table scans, and the rows handed back. Tests read it to prove that a
/// drain reads each unsent row once and never walks the whole table (issue 11 item 7); counting costs two
/// calls per statement run, nothing per row.
final class StatementWork {
    private(set) var virtualMachineSteps: Int64 = 0
    private(set) var fullScanSteps: Int64 = 0
    private(set) var rowsReturned: Int64 = 0

    /// Adds a statement's counters since its last run and zeroes them in SQLite.
    func collect(from handle: OpaquePointer) {
        virtualMachineSteps += Int64(sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_VM_STEP, 1))
        fullScanSteps += Int64(sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1))
    }

    func rowReturned() { rowsReturned += 1 }

    /// The counters now, to compare before and after a piece of work.
    var totals: (virtualMachineSteps: Int64, fullScanSteps: Int64, rowsReturned: Int64) {
        (virtualMachineSteps, fullScanSteps, rowsReturned)
    }
}

extension ReadingJournal {
    /// The connection's statement counters now (tests compare them before and after a piece of work).
    func statementWork() throws(JournalError) -> (virtualMachineSteps: Int64, fullScanSteps: Int64, rowsReturned: Int64) {
        try withConnection { (db) throws(JournalError) in db.work.totals }
    }
}
