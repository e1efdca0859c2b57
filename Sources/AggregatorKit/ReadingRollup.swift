import GatewayCore

/// Per channel, per hour and per JST day: what the report and the pages need of a year's readings, kept up to
/// date as readings are stored, so a fiscal year's report reads ~36,500 day rows per 100 channels instead of
/// 50 million readings. A rollup row holds exactly what the report's queries take from `reading`:
/// - `count`, `lowestSequence`, `highestSequence`: completeness (received against the span of sequences); a
///   fault reading (a failed sensor's, without a value) is numbered but not counted: its measurement is missing;
/// - `incrementTotal`: Σ value of totalizer readings (those with a SenML sum) that are not faults;
/// - `valueTotal`, `valueMaximum`: Σ and max of the values that are not faults (derived quantities, demand);
/// - `valueCount`: how many values `valueTotal` sums, so a level's mean per day (flooded days) is
///   `valueTotal / valueCount` without reading the readings again;
/// - `latestTime`, `latestValue`, `latestIsFault`: the newest reading (a well's latest depth).
/// Buckets are whole JST hours and days, so every fiscal year (April 1st 00:00 JST) is a whole number of them.
public struct ReadingRollup: Sendable, Equatable {
    public enum Resolution: String, Sendable, CaseIterable {
        case hour, day
        public var milliseconds: Int64 { self == .hour ? 3_600_000 : 86_400_000 }
        /// The table that holds this resolution's rows, in either store.
        var table: String { self == .hour ? "rollup_hour" : "rollup_day" }

        /// The start of the JST hour or day holding `t`.
        public func bucket(containing t: UnixTime) -> UnixTime {
            let offset = Int64(CivilTime.jstOffsetSeconds) * 1000
            let local = t.milliseconds + offset
            var start = local / milliseconds * milliseconds
            if start > local { start -= milliseconds }
            return UnixTime(milliseconds: start - offset)
        }
    }

    public var site: String
    public var device: String
    public var channel: String
    /// The readings' unit ("" when they carried none).
    public var unit: String
    public var bucketStart: UnixTime
    public var count: Int64
    public var lowestSequence: Int64
    public var highestSequence: Int64
    public var incrementTotal: Double?
    public var valueTotal: Double?
    public var valueMaximum: Double?
    public var latestTime: UnixTime
    public var latestValue: Double?
    public var latestIsFault: Bool
    /// Values (neither fault nor saturated) in `valueTotal`.
    public var valueCount: Int64 = 0

    /// Mean of the bucket's good values, or nil when it has none.
    public var valueMean: Double? {
        guard let valueTotal, valueCount > 0 else { return nil }
        return valueTotal / Double(valueCount)
    }

    /// Adds a later-stored bucket of the same key (the same combination the stores' upserts apply).
    mutating func absorb(_ o: ReadingRollup) {
        count += o.count
        lowestSequence = min(lowestSequence, o.lowestSequence)
        highestSequence = max(highestSequence, o.highestSequence)
        incrementTotal = Self.plus(incrementTotal, o.incrementTotal)
        valueTotal = Self.plus(valueTotal, o.valueTotal)
        // Not `[a, b].compactMap { $0 }.max()`: that built an array for every stored reading.
        if let m = o.valueMaximum, valueMaximum.map({ m > $0 }) ?? true { valueMaximum = m }
        valueCount += o.valueCount
        // The newest good reading stands for the bucket; a fault or saturated one only while there is no good one.
        if (!o.latestIsFault && latestIsFault)
            || (o.latestIsFault == latestIsFault && o.latestTime.milliseconds >= latestTime.milliseconds) {
            latestTime = o.latestTime
            latestValue = o.latestValue
            latestIsFault = o.latestIsFault
        }
    }

    static func plus(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case let (x?, y?): x + y
        case let (x?, nil): x
        case let (nil, y): y
        }
    }

    struct Key: Hashable {
        var site: String, device: String, channel: String, unit: String, bucket: Int64
    }

    /// The rollup rows a batch of newly stored readings adds, per resolution, in a stable order.
    struct Batch {
        // One dictionary per resolution, each reading found with one hash of its key: this runs for every
        // stored reading (8 % of the intake's time when it was a dictionary of dictionaries looked up twice).
        private var hours: [Key: ReadingRollup] = [:]
        private var days: [Key: ReadingRollup] = [:]

        /// `intervalSeconds`: the channel's declared interval (from its board's status), if the city has one.
        mutating func add(_ r: Reading, site: String, intervalSeconds: Double? = nil) {
            let attributed = r.sum != nil ? ReadingRollup.attributedInstant(of: r.time, intervalSeconds: intervalSeconds) : r.time
            // One bucket row made per reading, its key hashed once per resolution.
            var one = ReadingRollup(site: site, reading: r, bucketStart: Resolution.hour.bucket(containing: attributed))
            Self.add(one, into: &hours)
            one.bucketStart = Resolution.day.bucket(containing: attributed)
            Self.add(one, into: &days)
        }

        private static func add(_ one: ReadingRollup, into rows: inout [Key: ReadingRollup]) {
            let key = Key(site: one.site, device: one.device, channel: one.channel, unit: one.unit, bucket: one.bucketStart.milliseconds)
            if let i = rows.index(forKey: key) {
                rows.values[i].absorb(one)
            } else {
                rows[key] = one
            }
        }

        /// In no particular order: enough where one writer owns the channels (a partition's owner).
        func unorderedRows(_ resolution: Resolution) -> Dictionary<Key, ReadingRollup>.Values {
            (resolution == .hour ? hours : days).values
        }

        /// Sorted, so instances sharing a PostgreSQL database lock rollup rows in the same order.
        func rows(_ resolution: Resolution) -> [ReadingRollup] {
            (resolution == .hour ? hours : days).values.sorted {
                ($0.device, $0.channel, $0.unit, $0.bucketStart.milliseconds) < ($1.device, $1.channel, $1.unit, $1.bucketStart.milliseconds)
            }
        }
    }
}

extension ReadingRollup {
    /// One site's channel in a fiscal year from the day rollups, summed per board, unit and JST month (at most
    /// 12 rows a board, `bucketStart` the first day with a reading, no latest value): the same SQL for either
    /// store, the months' edges written in; `site` and `channel` are the store's two parameter markers.
    static func monthlySumsSQL(_ year: FiscalYear, site: String, channel: String) -> String {
        let edges = (1...11).map { m in CivilTime.jstInstant(year: year.startYear + (m >= 9 ? 1 : 0), month: (m + 3) % 12 + 1, day: 1) }
        let month = "CASE " + edges.enumerated().map { "WHEN bucket_ms < \($1.milliseconds) THEN \($0)" }.joined(separator: " ") + " ELSE 11 END"
        return """
            SELECT site, device, channel, unit, min(bucket_ms) AS bucket_ms, sum(n) AS n, min(lo_seq) AS lo_seq, max(hi_seq) AS hi_seq,
                   sum(increment_total) AS increment_total, sum(value_total) AS value_total, max(value_max) AS value_max,
                   max(latest_t_ms) AS latest_t_ms, NULL AS latest_value, 0 AS latest_fault, sum(value_n) AS value_n
            FROM \(Resolution.day.table)
            WHERE site = \(site) AND channel = \(channel) AND bucket_ms >= \(year.start.milliseconds) AND bucket_ms < \(year.end.milliseconds)
            GROUP BY site, device, channel, unit, \(month) ORDER BY device, unit, min(bucket_ms)
            """
    }

    /// Where a totalizer increment read at `t` counts. It covers (t − interval, t] and belongs to the bucket
    /// holding its middle, t − interval/2: boards sample totalizers on wall-clock multiples of their interval
    /// from JST midnight, so the reading taken on a day's or fiscal year's edge (a few milliseconds late, as
    /// reading takes time) closes the day before. Without a declared interval, the instant just before t.
    static func attributedInstant(of t: UnixTime, intervalSeconds: Double?) -> UnixTime {
        guard let interval = intervalSeconds, interval.isFinite, interval > 0 else {
            return UnixTime(milliseconds: t.milliseconds - 1)
        }
        return UnixTime(milliseconds: t.milliseconds - max(1, Int64((interval * 500).rounded(.down))))
    }

    /// A bucket of one reading.
    init(site: String, reading r: Reading, bucketStart: UnixTime) {
        // A saturated 4–20 mA reading is a bound, not a measurement (NAMUR NE 43): never a latest value or in an average.
        let good = r.quality != .fault && r.quality != .saturated
        let value = good ? r.value?.value : nil
        self.site = site
        device = r.key.device.rawValue
        channel = r.key.channel.rawValue
        unit = r.value?.unit ?? r.sum?.unit ?? ""
        self.bucketStart = bucketStart
        // A failed sensor's reading says the measurement is missing: it is no data received.
        count = r.quality == .fault ? 0 : 1
        lowestSequence = Int64(r.key.sequence)
        highestSequence = lowestSequence
        incrementTotal = r.sum == nil ? nil : value
        valueTotal = value
        valueMaximum = value
        valueCount = value == nil ? 0 : 1
        latestTime = r.time
        latestValue = r.value?.value
        latestIsFault = !good
    }
}
