import GatewayCore

/// Recharge from a flooded paddy by water balance, per sampling interval:
/// inflow − outflow − evaporation × area − Δ(ponded depth) × area. Evaporation is only charged while the
/// paddy is flooded (ponded depth at least the site's minimum). The running total continues after a restart
/// from the journal's last recharge reading.
final class PaddyRechargeDerivation: Derivation {
    static let channelID: ChannelID = "recharge"
    let channels: [DerivedChannel]
    private let settings: PaddyRechargeSettings
    private let balance: PaddyWaterBalance
    private let site: Site
    private var total: CubicMetres
    /// Ponded depth where the current balance interval began, and the latest depth read.
    private var levelAtIntervalStart: Metres?
    private var latestLevel: Metres?
    private var lastFlowTime: UnixTime?

    init(site: Site, settings: PaddyRechargeSettings, previousTotal: CubicMetres) {
        self.site = site
        self.settings = settings
        balance = PaddyWaterBalance(area: settings.area)
        total = previousTotal
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
        if let level = readings(tick, .paddyLevel).first?.value {
            latestLevel = Metres(level.value)
            if levelAtIntervalStart == nil { levelAtIntervalStart = latestLevel }
        }
        let inflow = readings(tick, .inflow).reduce(CubicMetres.zero) { $0 + volume($1) }
        let outflow = readings(tick, .outflow).reduce(CubicMetres.zero) { $0 + volume($1) }
        guard !readings(tick, .inflow).isEmpty || !readings(tick, .outflow).isEmpty else { return [] }
        // The first interval after a start has no beginning for evaporation: it counts metered volumes only.
        let days = lastFlowTime.map { Double(time.milliseconds - $0.milliseconds) / 86_400_000 } ?? 0
        let start = levelAtIntervalStart ?? .zero
        let end = latestLevel ?? start
        let flooded = end >= settings.minimumFloodedDepth
        let interval = PaddyInterval(inflow: inflow, outflow: outflow,
                                     evaporation: flooded ? settings.evaporationPerDay * days : .zero,
                                     pondedDepthAtStart: start.millimetres, pondedDepthAtEnd: end.millimetres)
        let seepage = balance.seepage(interval)
        total += seepage
        levelAtIntervalStart = end
        lastFlowTime = time
        let method = "paddy-water-balance area=\(rounded(settings.area.value)) m2 "
            + "evaporation=\(rounded(settings.evaporationPerDay.value)) mm/d flooded=\(flooded) "
            + "min-depth=\(rounded(settings.minimumFloodedDepth.value)) m"
        return [DerivedValue(channel: Self.channelID, time: time, value: seepage.measured, sum: total.measured, method: method)]
    }
}
