/// `PRAGMA quick_check` reads every page of the journal: on a 24-hour backlog that is seconds of a board's
/// start-up, paid again at every restart of the program. It is run once per boot of the machine instead, and the
/// boot it was last passed in is kept in the file (table `integrity_check`, one row).
///
/// Why once per boot is enough: in WAL mode SQLite's commit is atomic against the death of the process (a
/// SIGKILL, a crash, the watchdog): the pages it wrote are in the kernel's cache or on the card, and a commit that
/// did not finish is ignored by the WAL checksums. What tears pages is the loss of power or of the kernel
/// (unflushed caches, a card that lies about fsync) and the card wearing out, and the first two start a new boot.
/// A file copied in from elsewhere carries the boot of the machine that checked it, so it is checked here too.
/// Damage that appears later in the same boot (a failing card) is still found: SQLite refuses the damaged page
/// with `SQLITE_CORRUPT` when it is read.
enum BootIntegrityCheck {
    static let createTable = "CREATE TABLE IF NOT EXISTS integrity_check (boot_id TEXT NOT NULL);"

    /// Whether the file has not yet passed `quick_check` in boot `bootID`. Any doubt (no table, an unreadable
    /// page, no boot id) means the check runs.
    static func isNeeded(bootID: String?, _ db: SQLiteConnection) -> Bool {
        guard let bootID, !bootID.isEmpty else { return true }
        do {
            let present = try db.integer("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'integrity_check'")
            guard present == 1 else { return true }
            return try db.withStatement("SELECT count(*) FROM integrity_check WHERE boot_id = ?") { (s) throws(JournalError) -> Bool in
                try s.bind(1, bootID)
                return try s.step() ? s.integer(0) == 0 : true
            }
        } catch {
            return true
        }
    }

    /// Damage met while the journal is in use (a card failing within a boot): the next opening checks again, and
    /// sets the file aside, whatever the boot. Should this write fail too, the table's own page is likely the damaged
    /// one, and reading it at the next opening fails as well, which also means a check.
    static func forget(_ db: SQLiteConnection) {
        try? db.execute("DELETE FROM integrity_check")
    }

    /// Records that the file passed in boot `bootID`, inside the opening transaction (so only a file whose layout
    /// was also brought up to date is recorded).
    static func record(bootID: String?, _ db: SQLiteConnection) throws(JournalError) {
        guard let bootID, !bootID.isEmpty else { return }
        try db.execute(createTable + "DELETE FROM integrity_check;")
        try db.withStatement("INSERT INTO integrity_check (boot_id) VALUES (?)") { (s) throws(JournalError) in
            try s.bind(1, bootID)
            try s.run()
        }
    }
}
