import GatewayCore

/// What the city keeps, behind one interface: SQLite (`AggregatorStore`, one file, the default) or PostgreSQL
/// (`PostgresStore`, when one machine is not enough and several aggregators share the boards' data through an
/// MQTT shared subscription). Both keep every reading once, deduplicated on (device, channel, sequence) by a
/// unique constraint, so two instances storing the same message store it once; both keep hour and day
/// rollups in the same transaction as the readings (`ReadingRollup`); both compute the report from them.
///
/// Writers: the intake (`AggregatorService`). Readers: the report and the pages; anything they need that is
/// not here is added here, for both stores, with a test in the suite both stores run (`CityStoreContractTests`).
public protocol CityStore: AnyObject, Sendable {
    /// Where the data lives, for messages (a password is never shown).
    var location: String { get }

    // MARK: intake
    /// Stores the accepted readings of many messages in one transaction; returns how many of each pack's
    /// readings were new (the rest were already stored).
    func store(_ packs: [IncomingPack]) throws(AggregatorError) -> [Int]
    /// Records a board's status (its device and site are those of the topic it came on).
    func recordStatus(_ status: BoardStatus, receivedAt: UnixTime) throws(AggregatorError)
    /// A board's technician visit (its retained commissioning message); an older visit never replaces a newer one.
    func recordCommissioning(_ visit: BoardCommissioning, receivedAt: UnixTime) throws(AggregatorError)
    /// Every board's last visit, by site and device.
    func commissioning() throws(AggregatorError) -> [BoardCommissioning]
    /// When the city first heard of `device`, or nil.
    func firstSeen(device: String) throws(AggregatorError) -> UnixTime?
    /// Notes that `board` was heard from at `at`, if it never was before.
    func noteSeen(_ board: BoardTopic, at: UnixTime) throws(AggregatorError)
    func quarantine(_ readings: [QuarantinedReading], from board: BoardTopic, receivedAt: UnixTime) throws(AggregatorError)
    func recordRefusal(_ refusal: IntakeRefusal, records: Int, from board: BoardTopic, receivedAt: UnixTime) throws(AggregatorError)

    // MARK: gaps and resend requests
    func dueResends(now: UnixTime, quiet: Swift.Duration, maximumRequests: Int, maximumSpans: Int,
                    maximumReadings: UInt64) throws(AggregatorError) -> [ResendDue]
    func markRequested(_ due: ResendDue, now: UnixTime) throws(AggregatorError)
    func gaps() throws(AggregatorError) -> [SequenceGap]

    // MARK: queries
    /// Fiscal-year totals per site and completeness per board, from the day rollups.
    func report(fiscalYear: FiscalYear) throws(AggregatorError) -> KPIReport
    /// The report as it stood at `now` (completeness is counted up to it): a simulated year's own end.
    func report(fiscalYear: FiscalYear, asOf now: UnixTime) throws(AggregatorError) -> KPIReport
    /// Rollup rows of buckets starting in [from, to), optionally of one device.
    func rollups(_ resolution: ReadingRollup.Resolution, from: UnixTime, to: UnixTime,
                 device: String?) throws(AggregatorError) -> [ReadingRollup]
    /// Rollup rows of one site's channel (every board, every unit) with buckets starting in [from, to): what the
    /// city's plan KPIs read (`StoredKPIs`).
    func rollups(_ resolution: ReadingRollup.Resolution, from: UnixTime, to: UnixTime, site: String,
                 channel: String) throws(AggregatorError) -> [ReadingRollup]
    /// One site's channel in a fiscal year summed per board, unit and JST month (`ReadingRollup.monthlySumsSQL`).
    func monthlySums(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> [ReadingRollup]
    /// The boards whose status declares `channel` at `site`, with its interval and when each appeared: what a
    /// city KPI feed's expected readings are counted from (`StoredKPIs.completeness`).
    func declaredFeeds(site: String, channel: String) throws(AggregatorError) -> [DeclaredFeed]
    /// Online/offline changes of the site's boards in the fiscal year, oldest first, with each board's state
    /// when the year began.
    func boardHistory(site: String, in year: FiscalYear) throws(AggregatorError) -> [BoardStateChange]
    /// The conflicting versions `device` sent (a stored key with another value or sum), oldest reading first.
    func conflictingReadings(device: String) throws(AggregatorError) -> [ConflictingReading]
    /// Readings stored, in all.
    func readingCount() throws(AggregatorError) -> Int
}

/// Opens the store `db` names: a `postgres://` or `postgresql://` URI (or, with `postgres: true`, any libpq
/// connection string) is PostgreSQL; anything else is a SQLite file.
public func openCityStore(_ db: String, postgres: Bool = false) throws(AggregatorError) -> any CityStore {
    if namesPostgreSQL(db, postgres: postgres) {
        return try PostgresStore(conninfo: db)
    }
    return try AggregatorStore(path: db)
}

/// Whether `openCityStore(db, postgres:)` opens PostgreSQL (else `db` is a SQLite file, which must exist to be read).
public func namesPostgreSQL(_ db: String, postgres: Bool = false) -> Bool {
    postgres || db.hasPrefix("postgres://") || db.hasPrefix("postgresql://")
}
