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
    private var lastLevel: Metres?
    private var lastTime: UnixTime?

    init(site: Site, settings: PaddyRechargeSettings, previousTotal: CubicMetres) {
        self.site = site
        self.settings = settings
        balance = PaddyWaterBalance(area: settings.area)
        total = previousTotal
        let interval = site.channels.filter { $0.role == .inflow }.map(\.interval.value).min() ?? 60
        channels = [DerivedChannel(id: Self.channelID, quantity: "volume", unit: "m3", source: nil, intervalSeconds: interval)]
    }

    private func volume(_ r: Reading) -> CubicMetres {
        guard let v = r.value, r.quality != .fault else { return .zero }
        return v.unit == "l" ? Litres(v.value).cubicMetres : CubicMetres(v.value)
    }

    private func role(of r: Reading) -> ChannelRole? { site.channel(r.key.channel)?.role }

    func derive(from tick: [Reading], at time: UnixTime) -> [DerivedValue] {
        if let level = tick.first(where: { role(of: $0) == .paddyLevel && $0.quality != .fault })?.value {
            // The balance uses the level change between two flow intervals; a level read in between moves
            // the end point, and the start point stays where the last interval ended.
            if lastLevel == nil { lastLevel = Metres(level.value) }
            pendingLevel = Metres(level.value)
        }
        let flows = tick.filter { role(of: $0) == .inflow || role(of: $0) == .outflow }
        guard !flows.isEmpty else { return [] }
        defer { lastTime = time }
        guard let start = lastTime else {
            // The first interval after start has no beginning for the level or the evaporation: count its
            // metered volumes only.
            return [emit(inflow: flows, elapsedDays: 0, time: time)]
        }
        let days = Double(time.milliseconds - start.milliseconds) / 86_400_000
        return [emit(inflow: flows, elapsedDays: days, time: time)]
    }

    private var pendingLevel: Metres?

    private func emit(inflow flows: [Reading], elapsedDays: Double, time: UnixTime) -> DerivedValue {
        let inflow = flows.filter { role(of: $0) == .inflow }.reduce(CubicMetres.zero) { $0 + volume($1) }
        let outflow = flows.filter { role(of: $0) == .outflow }.reduce(CubicMetres.zero) { $0 + volume($1) }
        let levelStart = lastLevel ?? pendingLevel ?? .zero
        let levelEnd = pendingLevel ?? levelStart
        let flooded = levelEnd >= settings.minimumFloodedDepth
        let interval = PaddyInterval(inflow: inflow, outflow: outflow,
                                     evaporation: flooded ? settings.evaporationPerDay * elapsedDays : .zero,
                                     pondedDepthAtStart: levelStart.millimetres, pondedDepthAtEnd: levelEnd.millimetres)
        let seepage = balance.seepage(interval)
        total += seepage
        lastLevel = levelEnd
        let method = "paddy-water-balance area=\(rounded(settings.area.value)) m2 "
            + "evaporation=\(rounded(settings.evaporationPerDay.value)) mm/d flooded=\(flooded) "
            + "min-depth=\(rounded(settings.minimumFloodedDepth.value)) m"
        return DerivedValue(channel: Self.channelID, time: time, value: seepage.measured, sum: total.measured, method: method)
    }
}
