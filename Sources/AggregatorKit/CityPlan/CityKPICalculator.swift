import GatewayCore

/// Computes a city's plan KPIs for one fiscal year from whatever store answers `KPIQueries`: the arithmetic is
/// `PlanArithmetic`'s, the provenance (feeds, completeness, method, factor versions) is recorded beside it.
public enum CityKPICalculator {
    public static func report(plan: CityPlan, year: FiscalYear, data: some KPIQueries) throws(AggregatorError) -> CityKPIReport {
        var figures: [KPIFigure] = []
        for kpi in plan.kpis { figures.append(try figure(kpi, plan: plan, year: year, data: data)) }
        var sections: [SiteSection] = []
        for site in plan.sites {
            var channels: [SiteSection.ChannelCompleteness] = []
            let ids = plan.kpis.flatMap(\.feeds).filter { $0.site == site.id }.map(\.channel)
            for channel in ids.reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
                let c = try data.completeness(site: site.id, channel: channel, in: year)
                channels.append(.init(channel: channel, received: c.received, expected: c.expected, completeness: c.ratio))
            }
            sections.append(SiteSection(site: site.id, facility: site.facility.rawValue, channels: channels,
                                        boardHistory: try data.boardHistory(site: site.id, in: year)))
        }
        return CityKPIReport(city: plan.id, cityName: plan.name, plan: plan.plan, cityFile: plan.file, fiscalYear: year.startYear,
                             from: CivilTime.jst(year.start).iso8601 + "+09:00", to: CivilTime.jst(year.end).iso8601 + "+09:00",
                             kpis: figures, sites: sections)
    }

    /// What one feed gave in the year.
    private struct FeedData {
        var feed: KPIFeed
        var months: ChannelMonths
        var completeness: FeedCompleteness
    }

    private static func figure(_ kpi: PlanKPI, plan: CityPlan, year: FiscalYear, data: some KPIQueries) throws(AggregatorError) -> KPIFigure {
        var feeds: [FeedData] = []
        for feed in kpi.feeds {
            feeds.append(FeedData(feed: feed, months: try data.monthlyTotals(site: feed.site, channel: feed.channel, in: year),
                                  completeness: try data.completeness(site: feed.site, channel: feed.channel, in: year)))
        }
        var result = Partial()
        switch kpi.method {
        case .rechargeWaterBalance:
            result = sums(feeds) { PlanArithmetic.cubicMetres($0, unit: $1).map { PlanArithmetic.manCubicMetres($0) } }
        case .energyTotal, .pvGeneration:
            result = sums(feeds.filter { $0.feed.role != .export }) { PlanArithmetic.kilowattHours($0, unit: $1).map { $0.value / 1000 } }
            if kpi.method == .pvGeneration {
                let generation = kWh(feeds, .generation), export = kWh(feeds, .export)
                if feeds.contains(where: { $0.feed.role == .export }),
                   let share = PlanArithmetic.selfConsumptionPercent(generation: generation, export: export) {
                    result.details.append(.init(name: "self-consumption", value: PlanArithmetic.printed(share, decimals: 1), unit: "%"))
                }
                result.details.append(.init(name: "public buildings with PV", value: Double(publicBuildingsWithPV(plan, feeds).count),
                                            unit: "count"))
            }
        case .pvSelfConsumption:
            let generation = kWh(feeds, .generation), export = kWh(feeds, .export)
            result.value = PlanArithmetic.selfConsumptionPercent(generation: generation, export: export)
            result.monthly = (0..<12).map { m in
                PlanArithmetic.selfConsumptionPercent(generation: kWh(feeds, .generation, month: m), export: kWh(feeds, .export, month: m))
            }
            result.perSite = Set(feeds.map(\.feed.site)).sorted().map { site in
                let f = feeds.filter { $0.feed.site == site }
                return .init(site: site, value: PlanArithmetic.selfConsumptionPercent(generation: kWh(f, .generation), export: kWh(f, .export))
                    .map { PlanArithmetic.printed($0, decimals: 1) }, note: nil)
            }
        case .co2:
            result = co2(kpi, plan: plan, feeds: feeds, year: year)
        case .energyUseIntensity:
            result = intensity(plan: plan, feeds: feeds, year: year)
        case .floodedDays:
            result = try flooded(plan: plan, feeds: feeds, year: year, data: data)
        case .publicBuildingsWithPV:
            let sites = publicBuildingsWithPV(plan, feeds)
            result.value = Double(sites.count)
            result.perSite = sites.map { .init(site: $0.id, value: $0.pvCapacityKW, note: "PV \(fixed($0.pvCapacityKW ?? 0, 1)) kW") }
        case .disasterBasesMetered:
            let bases = plan.sites.filter(\.disasterBase)
            let metered = bases.filter { base in feeds.contains { $0.feed.site == base.id && $0.completeness.received > 0 } }
            result.value = Double(metered.count)
            result.perSite = bases.map { base in
                .init(site: base.id, value: metered.contains(base) ? 1 : 0,
                      note: metered.contains(base) ? "supply metered" : "no metered supply this year")
            }
        case .hoursIslanded:
            var total = 0
            var monthly = [Double?](repeating: nil, count: 12)
            for site in Set(feeds.map(\.feed.site)).sorted() {
                var imports: [HourAmount] = [], generation: [HourAmount] = []
                for f in feeds where f.feed.site == site {
                    let hours = try data.hourlyTotals(site: site, channel: f.feed.channel, in: year)
                    if f.feed.role == .import { imports += hours } else if f.feed.role == .generation { generation += hours }
                }
                let islandedHours = PlanArithmetic.hoursIslanded(imports: imports, generation: generation)
                total += islandedHours
                let generating = Set(generation.filter { $0.amount > 0 }.map(\.hourStart))
                for h in imports where h.amount == 0 && generating.contains(h.hourStart) {
                    let m = (CivilTime.jst(h.hourStart).month + 8) % 12
                    monthly[m] = (monthly[m] ?? 0) + 1
                }
                result.perSite.append(.init(site: site, value: Double(islandedHours), note: nil))
            }
            result.value = feeds.contains { $0.completeness.received > 0 } ? Double(total) : nil
            result.monthly = monthly
        }

        let received = feeds.reduce(0) { $0 + $1.completeness.received }
        let expected = feeds.reduce(0) { $0 + $1.completeness.expected }
        var gaps: [String] = []
        for f in feeds {
            let c = f.completeness, name = "\(f.feed.site):\(f.feed.channel)"
            if c.expected == 0 { gaps.append("\(name) sent no readings") }
            else if c.missing > 0 {
                gaps.append("\(name) \(c.missing) of \(c.expected) readings missing (\(fixed(Double(c.missing) / Double(c.expected) * 100, 1)) %)")
            }
        }
        let status: KPIFigure.Status = feeds.isEmpty ? .complete
            : (received == 0 ? .noData : (gaps.isEmpty ? .complete : .incomplete))
        let value = status == .noData && kpi.method != .disasterBasesMetered && kpi.method != .publicBuildingsWithPV
            ? nil : result.value.map { PlanArithmetic.printed($0, decimals: kpi.method.decimals) }
        return KPIFigure(
            id: kpi.id, title: kpi.title, method: kpi.method.rawValue, unit: kpi.unit, direction: kpi.direction.rawValue,
            base: kpi.base, target: kpi.target, value: value, decimals: kpi.method.decimals,
            achievementPercent: status == .noData ? nil : value.flatMap {
                PlanArithmetic.achievement(current: $0, base: kpi.base, target: kpi.target, direction: kpi.direction)?.percent
            },
            status: status,
            incompleteness: incompleteness(status, year: year, received: received, expected: expected, gaps: gaps),
            monthly: result.monthly.map { $0.map { PlanArithmetic.printed($0, decimals: max(kpi.method.decimals, 1)) } },
            perSite: result.perSite, details: result.details,
            provenance: .init(method: describe(kpi, plan: plan),
                              sites: feeds.map(\.feed.site).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } },
                              channels: feeds.map { "\($0.feed.site):\($0.feed.channel) (\($0.feed.role.rawValue))" },
                              received: received, expected: expected,
                              completeness: expected == 0 ? 0 : Double(received) / Double(expected),
                              factors: result.factors))
    }

    /// What is missing, and how much: readings the sequence numbers promise that never arrived, and feeds that
    /// sent nothing at all (whose size no sequence number tells).
    private static func incompleteness(_ status: KPIFigure.Status, year: FiscalYear, received: Int, expected: Int,
                                       gaps: [String]) -> String? {
        switch status {
        case .complete: return nil
        case .noData: return "no readings in \(year) from any feed: " + gaps.joined(separator: "; ")
        case .incomplete:
            let share = expected == 0 ? 0 : Double(expected - received) / Double(expected) * 100
            return "\(expected - received) of \(expected) expected readings missing (\(fixed(share, 1)) %): "
                + gaps.joined(separator: "; ") + ". The figure counts only what arrived."
        }
    }

    private struct Partial {
        var value: Double?
        var monthly: [Double?] = Array(repeating: nil, count: 12)
        var perSite: [KPIFigure.SiteFigure] = []
        var details: [KPIFigure.Detail] = []
        var factors: [KPIFigure.FactorUse] = []
    }

    /// Σ of every feed, converted per feed's unit; per month and per site.
    private static func sums(_ feeds: [FeedData], _ convert: (Double, String?) -> Double?) -> Partial {
        var p = Partial()
        var perSite: [String: Double] = [:]
        for f in feeds {
            for (m, amount) in f.months.amounts.enumerated() {
                guard let amount, let v = convert(amount, f.months.unit) else { continue }
                p.monthly[m] = (p.monthly[m] ?? 0) + v
                perSite[f.feed.site, default: 0] += v
                p.value = (p.value ?? 0) + v
            }
        }
        p.perSite = feeds.map(\.feed.site).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            .map { .init(site: $0, value: perSite[$0].map { PlanArithmetic.printed($0, decimals: 1) }, note: nil) }
        return p
    }

    private static func kWh(_ feeds: [FeedData], _ role: FeedRole, month: Int? = nil) -> KilowattHours {
        var total = 0.0
        for f in feeds where f.feed.role == role {
            let amounts = month.map { [f.months.amounts[$0]] } ?? f.months.amounts
            for a in amounts { if let a { total += PlanArithmetic.kilowattHours(a, unit: f.months.unit)?.value ?? 0 } }
        }
        return KilowattHours(total)
    }

    private static func publicBuildingsWithPV(_ plan: CityPlan, _ feeds: [FeedData]) -> [PlanSite] {
        plan.sites.filter { site in
            guard site.publicBuilding, (site.pvCapacityKW ?? 0) > 0 else { return false }
            let own = feeds.filter { $0.feed.site == site.id && $0.feed.role == .generation }
            return own.isEmpty || own.contains { $0.completeness.received > 0 }
        }
    }

    private static func co2(_ kpi: PlanKPI, plan: CityPlan, feeds: [FeedData], year: FiscalYear) -> Partial {
        var p = Partial()
        var atBaseFactors = 0.0, perSite: [String: Double] = [:]
        var used: [KPIFigure.FactorUse] = []
        func note(_ series: EmissionFactorSeries, _ fy: FiscalYear) {
            guard let (version, factor) = PlanArithmetic.factor(of: series, for: fy),
                  !used.contains(where: { $0.series == series.id && $0.fiscalYear == fy.startYear }) else { return }
            used.append(.init(series: series.id, version: version.version, source: version.source, fiscalYear: fy.startYear,
                              kgCO2PerUnit: factor, unit: series.energy.factorUnit))
        }
        for f in feeds {
            guard let id = f.feed.factors, let series = plan.factors(id) else { continue }
            note(series, year)
            if let base = kpi.factorBaseYear { note(series, FiscalYear(base)) }
            func tonnes(_ amount: Double, _ fy: FiscalYear) -> Double? {
                if series.energy == .heat {
                    guard let mj = HeatEnergy.megajoules(amount, unit: f.months.unit ?? "MJ") else { return nil }
                    return PlanArithmetic.emissions(Megajoules(mj), series: series, year: fy)?.amount.value
                }
                guard let kWh = PlanArithmetic.kilowattHours(amount, unit: f.months.unit) else { return nil }
                return PlanArithmetic.emissions(kWh, series: series, year: fy)?.amount.value
            }
            for (m, amount) in f.months.amounts.enumerated() {
                guard let amount, let t = tonnes(amount, year) else { continue }
                p.monthly[m] = (p.monthly[m] ?? 0) + t
                p.value = (p.value ?? 0) + t
                perSite[f.feed.site, default: 0] += t
                if let base = kpi.factorBaseYear { atBaseFactors += tonnes(amount, FiscalYear(base)) ?? 0 }
            }
        }
        p.perSite = perSite.keys.sorted().map { .init(site: $0, value: PlanArithmetic.printed(perSite[$0]!, decimals: 1), note: nil) }
        if let base = kpi.factorBaseYear, p.value != nil {
            p.details.append(.init(name: "same energy at FY\(base) factors", value: PlanArithmetic.printed(atBaseFactors, decimals: 1),
                                   unit: "t-CO2"))
        }
        p.factors = used
        return p
    }

    private static func intensity(plan: CityPlan, feeds: [FeedData], year: FiscalYear) -> Partial {
        var p = Partial()
        let electricity = feeds.filter { $0.feed.role == .import || $0.feed.role == .electricity }
        let sites = electricity.map(\.feed.site).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let area = SquareMetres(sites.compactMap { plan.site($0)?.floorArea?.value }.reduce(0, +))
        var total = 0.0, any = false
        for f in electricity {
            for (m, amount) in f.months.amounts.enumerated() {
                guard let amount, let kWh = PlanArithmetic.kilowattHours(amount, unit: f.months.unit) else { continue }
                any = true
                total += kWh.value
                p.monthly[m] = (p.monthly[m] ?? 0) + (PlanArithmetic.intensity(kWh, floorArea: area) ?? 0)
            }
        }
        p.perSite = sites.map { site in
            let kWh = electricity.filter { $0.feed.site == site }.reduce(0.0) { s, f in
                s + f.months.amounts.reduce(0.0) { $0 + ($1.flatMap { PlanArithmetic.kilowattHours($0, unit: f.months.unit)?.value } ?? 0) }
            }
            guard let floor = plan.site(site)?.floorArea else { return .init(site: site, value: nil, note: "no floor-area-m2 in the city file") }
            return .init(site: site, value: PlanArithmetic.intensity(KilowattHours(kWh), floorArea: floor).map { PlanArithmetic.printed($0, decimals: 1) },
                         note: "\(fixed(floor.value, 0)) m²")
        }
        guard any, area.value > 0 else { return p }
        p.value = PlanArithmetic.intensity(KilowattHours(total), floorArea: area)
        let primary = PlanArithmetic.primaryEnergy(KilowattHours(total), floorArea: area, year: year)
        p.details = [
            .init(name: "purchased electricity", value: PlanArithmetic.printed(total / 1000, decimals: 3), unit: "MWh"),
            .init(name: "primary energy", value: PlanArithmetic.printed(primary.energy.value / 1000, decimals: 1), unit: "GJ"),
            .init(name: "primary energy factor", value: PrimaryEnergyFactorTable.energyConservationAct.factor(for: year).value, unit: "MJ/kWh"),
            .init(name: "floor area", value: area.value, unit: "m2"),
        ]
        if let eui = primary.intensity { p.details.append(.init(name: "primary energy intensity", value: PlanArithmetic.printed(eui.value, decimals: 1), unit: "MJ/m2")) }
        return p
    }

    private static func flooded(plan: CityPlan, feeds: [FeedData], year: FiscalYear, data: some KPIQueries) throws(AggregatorError) -> Partial {
        var p = Partial()
        for f in feeds where f.feed.role == .level {
            let site = plan.site(f.feed.site)
            let minimum = site?.floodedDepthMinimum ?? Metres(0.02), cap = site?.seasonCapDays ?? 120
            let days = try data.dailyMeans(site: f.feed.site, channel: f.feed.channel, in: year)
            guard !days.isEmpty, let tally = PlanArithmetic.floodedDays(days, minimumDepth: minimum, seasonCap: cap) else {
                p.perSite.append(.init(site: f.feed.site, value: nil, note: "no paddy level readings"))
                continue
            }
            for d in days where d.mean >= minimum.value {
                let m = (d.date.month + 8) % 12
                p.monthly[m] = (p.monthly[m] ?? 0) + 1
            }
            p.value = (p.value ?? 0) + Double(tally.countedDays)
            var note = "≥ \(fixed(minimum.value, 3)) m daily mean, cap \(cap) days"
            if tally.isCapped { note += "; \(tally.floodedDays) flooded, capped" }
            if !tally.interruptions.isEmpty {
                note += "; interrupted " + tally.interruptions.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
                    + " (\(tally.interruptedDays) days)"
            }
            p.perSite.append(.init(site: f.feed.site, value: Double(tally.countedDays), note: note))
        }
        return p
    }

    private static func describe(_ kpi: PlanKPI, plan: CityPlan) -> String {
        switch kpi.method {
        case .rechargeWaterBalance: "Σ water-balance recharge (inflow − outflow − evaporation × area − Δponded depth × area, computed on each board) ÷ 10⁴ → 万m³, one decimal"
        case .floodedDays: "days whose mean paddy level reached the site's minimum ponded depth, capped per season (FloodingRule)"
        case .co2: "Σ measured energy × the supplier's emission factor in force that fiscal year (versioned table) ÷ 1000 → t-CO₂"
        case .pvGeneration: "Σ PV generation meters → MWh; self-consumption = (generation − export) / generation"
        case .pvSelfConsumption: "(generation − export) / generation × 100"
        case .publicBuildingsWithPV: "public buildings with PV capacity whose generation meter reported in the year"
        case .energyTotal: "Σ metered energy → MWh"
        case .energyUseIntensity: "Σ purchased electricity ÷ Σ floor area → kWh/m²; primary energy at the Energy Conservation Act factor for the year (8.64 MJ/kWh from FY2023, 9.76 before)"
        case .disasterBasesMetered: "disaster bases (city file) whose supply feeds reported in the year"
        case .hoursIslanded: "hours with grid import read as 0 while the site's own generation ran"
        }
    }
}
