import GatewayCore

/// Recharge from a flooded paddy by water balance, per sampling interval:
/// inflow − outflow − evaporation × area − Δ(ponded depth) × area. Evaporation is only charged while the
/// paddy is flooded (ponded depth at least the site's minimum). The running total continues after a restart
/// from the journal's last recharge reading.
///
/// A change in storage is only charged between two ponded depths actually read: until the first level reading
/// of this run arrives (or one is restored from the journal at start-up), the intervals count metered volumes
/// and evaporation only. Charging from an assumed depth of zero would book the whole pond, A·h, as water that
/// left by seepage's opposite, at every start.
final class PaddyRechargeDerivation: Derivation {
    static let channelID: ChannelID = "recharge"
    let channels: [DerivedChannel]
    private let settings: PaddyRechargeSettings
    private let balance: PaddyWaterBalance
    private let site: Site
    private let simulatedTimeScale: Double
    private var total: CubicMetres
    /// Ponded depth where the current balance interval began (nil until a depth has been read or restored),
    /// and the latest depth read.
    private var levelAtIntervalStart: PondedDepthReading?
    private var latestLevel: PondedDepthReading?
    private var lastFlowTime: UnixTime?
    /// The monotonic time of the last flow tick: evaporation is charged for the time that passed on it, which an
    /// NTP step of the wall clock does not move (a step back once charged negative evaporation).
    private var lastFlowMonotonic: UInt64?

    /// `restoredLevel` is the last ponded depth the journal holds from before this start; `simulatedTimeScale`
    /// is how many simulated seconds pass per second of reading time (`--speedup`), so per-day rates are
    /// charged per simulated day, as the simulated meters' flows are.
    init(site: Site, settings: PaddyRechargeSettings, previousTotal: CubicMetres,
         restoredLevel: PondedDepthReading? = nil, simulatedTimeScale: Double = 1) {
        self.site = site
        self.settings = settings
        self.simulatedTimeScale = simulatedTimeScale
        balance = PaddyWaterBalance(area: settings.area)
        total = previousTotal
        levelAtIntervalStart = restoredLevel
        latestLevel = restoredLevel
        let interval = site.channels.filter { $0.role == .inflow }.map { $0.interval.value }.min() ?? 60
        channels = [DerivedChannel(id: Self.channelID, quantity: "volume", unit: "m3", source: nil, intervalSeconds: interval)]
    }

    private func volume(_ r: Reading) -> CubicMetres {
        guard let v = r.value, r.quality != .fault else { return .zero }
        return v.unit == "l" ? Litres(v.value).cubicMetres : CubicMetres(v.value)
    }

    private func readings(_ tick: [Reading], _ role: ChannelRole) -> [Reading] {
        tick.filter { site.channel($0.key.channel)?.role == role && $0.quality != .fault }
    }

    func derive(from tick: [Reading], at time: UnixTime) -> [DerivedValue] {
        if let reading = readings(tick, .paddyLevel).first, let level = PondedDepthReading(reading) {
            latestLevel = level
            if levelAtIntervalStart == nil { levelAtIntervalStart = level }
        }
        let inflow = readings(tick, .inflow).reduce(CubicMetres.zero) { $0 + volume($1) }
        let outflow = readings(tick, .outflow).reduce(CubicMetres.zero) { $0 + volume($1) }
        guard !readings(tick, .inflow).isEmpty || !readings(tick, .outflow).isEmpty else { return [] }
        // The first interval after a start has no beginning for evaporation: it counts metered volumes only.
        // The time passed is the monotonic clock's when the readings carry it; the wall clock's never below zero.
        let monotonic = (readings(tick, .inflow) + readings(tick, .outflow)).compactMap { $0.monotonicNanoseconds }.first
        let seconds: Double
        if let monotonic, let last = lastFlowMonotonic, monotonic >= last {
            seconds = Double(monotonic - last) / 1e9
        } else {
            seconds = lastFlowTime.map { max(0, Double(time.milliseconds - $0.milliseconds) / 1000) } ?? 0
        }
        let days = seconds / 86_400 * simulatedTimeScale
        // No depth read yet: storage is unknown, so no change in it is charged (start = end).
        let end = latestLevel?.depth
        let start = levelAtIntervalStart?.depth ?? end
        let flooded = end.map { $0 >= settings.minimumFloodedDepth } ?? false
        let interval = PaddyInterval(inflow: inflow, outflow: outflow,
                                     evaporation: flooded ? settings.evaporationPerDay * days : .zero,
                                     pondedDepthAtStart: (start ?? .zero).millimetres,
                                     pondedDepthAtEnd: (end ?? .zero).millimetres)
        let seepage = balance.seepage(interval)
        total += seepage
        levelAtIntervalStart = latestLevel
        lastFlowTime = time
        lastFlowMonotonic = monotonic
        let level = end.map { "\(rounded($0.value)) m" } ?? "not yet read"
        let method = "paddy-water-balance area=\(rounded(settings.area.value)) m2 "
            + "evaporation=\(rounded(settings.evaporationPerDay.value)) mm/d flooded=\(flooded) "
            + "min-depth=\(rounded(settings.minimumFloodedDepth.value)) m level=\(level)"
        return [DerivedValue(channel: Self.channelID, time: time, value: seepage.measured, sum: total.measured, method: method)]
    }
}
