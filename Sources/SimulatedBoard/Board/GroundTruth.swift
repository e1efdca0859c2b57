import GatewayCore

/// What the simulated board truly stood for, integrated exactly from its profiles rather than read through its
/// pulse counters and ADC: the true volume through each flow meter and the true energy through each energy
/// meter (the meter's rate times the time it turned), and the time-weighted mean of each steady value (water
/// level, temperature, pressure). Kept per channel, per fiscal year (April–March, JST) and per JST month, by the
/// simulated realtime clock at which the time passed.
public struct GroundTruth: Sendable {
    /// `missing`: the seconds a channel's sensor was failed (a simulated sensor fault), its true missing time.
    public enum Kind: String, Sendable { case total, mean, missing }

    /// One channel's truth in one period.
    public struct Entry: Sendable {
        public var channel: String
        /// `FY2027` or `2027-04`.
        public var period: String
        public var kind: Kind
        public var unit: String
        /// The total for `total`; the time-weighted sum (value × seconds) for `mean`, divided on output.
        public var amount: Double
        public var seconds: Double
        public var value: Double { kind == .mean ? (seconds > 0 ? amount / seconds : 0) : amount }
    }

    /// A channel as the simulation plays it: a rate of the physical quantity per second, or a steady value.
    struct Source: Sendable {
        var channel: String
        var unit: String
        var kind: Kind
        /// The rate now (a total's amount per second), or the value now (a mean's).
        var perSecond: Double
        /// How fast `perSecond` changes, per second: a paddy's level while it fills or drains (`PaddyPond`).
        var slope: Double = 0
    }

    var sources: [Source] = []
    /// Channels whose sensor is failed now: the time passing is missing for them (`SimulatedBoard.setFailed`).
    var failed: [String] = []
    /// With a scripted paddy season: whether the paddy is flooded now. The truth then counts the flooded time
    /// as `paddy flooded`, in days (a total), beside the channels.
    var flooded: Bool?
    /// Each meter's own register, by channel, for meters whose register the site file declares: it counts the
    /// true amount whether or not the gateway runs (`passWhileGatewayStopped`).
    public internal(set) var registers: [String: SimulatedMeterRegister] = [:]
    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]
    public private(set) var from: UnixTime?
    public private(set) var to: UnixTime?

    /// Time passed from realtime `start` for `nanoseconds` of monotonic time: split at month and fiscal-year
    /// boundaries so each part is charged to the period it passed in.
    public mutating func pass(from start: UnixTime, nanoseconds: UInt64) {
        guard nanoseconds > 0 else { return }
        if from == nil { from = start }
        var t = start.milliseconds
        let end = start.milliseconds + Int64(nanoseconds / 1_000_000)
        var leftover = Double(nanoseconds % 1_000_000) / 1e9
        while t < end {
            let civil = CivilTime.jst(UnixTime(milliseconds: t))
            let nextMonth = civil.month == 12
                ? CivilTime.jstInstant(year: civil.year + 1, month: 1, day: 1)
                : CivilTime.jstInstant(year: civil.year, month: civil.month + 1, day: 1)
            let pieceEnd = min(end, nextMonth.milliseconds)
            let seconds = Double(pieceEnd - t) / 1000 + (pieceEnd == end ? leftover : 0)
            if pieceEnd == end { leftover = 0 }
            let fiscalYear = civil.month >= 4 ? civil.year : civil.year - 1
            countRegisters(seconds: seconds)
            charge(periods: ["FY" + String(fiscalYear), String(civil.year) + "-" + (civil.month < 10 ? "0" : "") + String(civil.month)],
                   seconds: seconds)
            t = pieceEnd
        }
        to = UnixTime(milliseconds: end)
    }

    /// Time the meters turned while the gateway was stopped (a restart, an update, a power cut): only the
    /// meters' own registers count it; the gateway's truth does not, as it read nothing then.
    public mutating func passWhileGatewayStopped(seconds: Double) {
        countRegisters(seconds: seconds)
    }

    private mutating func countRegisters(seconds: Double) {
        for source in sources where source.kind == .total && registers[source.channel] != nil {
            registers[source.channel]?.count((source.perSecond + source.slope * seconds / 2) * seconds)
        }
    }

    /// Plays `channel` at `perSecond` (changing by `slope` a second) from now on; false if it has no source.
    @discardableResult
    mutating func play(_ channel: String, perSecond: Double, slope: Double = 0) -> Bool {
        guard let i = sources.firstIndex(where: { $0.channel == channel }) else { return false }
        sources[i].perSecond = perSecond
        sources[i].slope = slope
        return true
    }

    private mutating func charge(periods: [String], seconds: Double) {
        for s in sources.indices {
            let source = sources[s]
            // A changing value integrates exactly: it is linear in time within a stretch.
            let amount = (source.perSecond + source.slope * seconds / 2) * seconds
            for period in periods {
                let i = entry(source.channel, source.kind, source.unit, period)
                entries[i].amount += amount
                entries[i].seconds += seconds
            }
            if source.slope != 0 { sources[s].perSecond = max(0, source.perSecond + source.slope * seconds) }
        }
        for period in periods { chargeStates(period: period, seconds: seconds) }
    }

    private mutating func chargeStates(period: String, seconds: Double) {
        if let flooded {
            let i = entry(Self.floodedChannel, .total, "d", period)
            entries[i].amount += flooded ? seconds / 86_400 : 0
            entries[i].seconds += seconds
        }
        for channel in failed {
            let i = entry(channel, .missing, "s", period)
            entries[i].amount += seconds
            entries[i].seconds += seconds
        }
    }

    /// The index of a channel's entry of `kind` in `period`, made empty if there is none yet.
    private mutating func entry(_ channel: String, _ kind: Kind, _ unit: String, _ period: String) -> Int {
        let key = channel + " " + kind.rawValue + " " + period
        if let existing = index[key] { return existing }
        index[key] = entries.count
        entries.append(Entry(channel: channel, period: period, kind: kind, unit: unit, amount: 0, seconds: 0))
        return entries.count - 1
    }

    /// The truth's name for a paddy's flooded time (`--simulated-paddy-season`): from each flood's start to its
    /// drain's start, in days.
    public static let floodedChannel = "paddy flooded"
    /// The truth's names for the water a simulated paddy lost to the ground (its true recharge) and to the air,
    /// in m³ (`PaddyPond`).
    public static let percolationChannel = "paddy percolation"
    public static let evaporationChannel = "paddy evaporation"

    /// The physical amount one pulse of a simulated meter stands for, in the channel's unit, from the meter's
    /// own constants in the site file (independent of the gateway's scaling and of calibration records).
    static func amountPerPulse(_ channel: ChannelSpec) -> Double? {
        switch channel.driver {
        case .pulseFlow(_, let pulsesPerLitre, _):
            guard pulsesPerLitre > 0 else { return nil }
            let litres = 1 / pulsesPerLitre
            return channel.unit == "m3" ? litres / 1000 : litres
        case .pulseEnergy(_, let impulsesPerKWh, let multiplier, let side, _):
            guard impulsesPerKWh > 0 else { return nil }
            let kWh = (side == .secondary ? multiplier : 1) / impulsesPerKWh
            return channel.unit == "Wh" ? kWh * 1000 : kWh
        default:
            return nil
        }
    }
}
