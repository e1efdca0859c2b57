import GatewayCore

/// The water in a simulated recharge paddy through a scripted season (`PaddySeason`), as water behaves: the
/// ponded depth changes only by the water let in, less what leaves by the outlet, evaporates and percolates.
///
/// - **Filling** (from each flood's start): the intake runs at a flooding rate that raises the pond
///   `fillingMillimetresPerHour` (besides what evaporates and percolates meanwhile), the outlet weir is still
///   below its crest, so nothing leaves by it, until the target depth (the level channel's `simulate: value`).
/// - **Ponded**: the level holds at the target: in at the site's inflow rate, out at its outflow rate, and the
///   rest percolates. When the site's inflow is less than its outflow and evaporation, the inlet lets in what
///   holds the pond and nothing percolates (a pond cannot hold its level on less).
/// - **Draining** (from each drain's start, the end of the season or of a flooded span before an interruption):
///   the intake is shut and the outlet opened: it lets out `drainingMillimetresPerHour` of the pond an hour
///   while the rest evaporates and percolates, until the pond is empty.
/// - **Dry**: no water, no flow.
///
/// Evaporation and percolation act while water stands (depth above zero). Every rate is constant within a
/// phase, so the depth is linear in time in each one and the volumes integrate exactly.
public struct PaddyPond: Sendable, Equatable {
    public enum Phase: String, Sendable { case dry, filling, ponded, draining }

    /// One stretch of constant rates: the depth at `from` and its change per second, the flows while it lasts.
    public struct Stretch: Sendable, Equatable {
        public var phase: Phase
        public var from: Int64
        /// Exclusive; `Int64.max` for the last.
        public var to: Int64
        public var depthAtStartMetres: Double
        public var depthMetresPerSecond: Double
        public var inflowCubicMetresPerSecond: Double
        public var outflowCubicMetresPerSecond: Double
        public var evaporationCubicMetresPerSecond: Double
        public var percolationCubicMetresPerSecond: Double

        public func depthMetres(at t: UnixTime) -> Double {
            guard depthMetresPerSecond != 0 else { return depthAtStartMetres }
            let seconds = Double(t.milliseconds - from) / 1000
            return max(0, depthAtStartMetres + depthMetresPerSecond * seconds)
        }
    }

    /// How fast the intake fills the pond and the opened outlet empties it, in depth per hour.
    public static let fillingMillimetresPerHour = 30.0
    public static let drainingMillimetresPerHour = 30.0

    public let season: PaddySeason
    public var areaSquareMetres: Double
    public var targetDepthMetres: Double
    public var evaporationMetresPerSecond: Double
    /// The soil's percolation while water stands: what the site's meters leave for it when ponded.
    public let percolationMetresPerSecond: Double
    /// The inlet's and the outlet weir's flows while ponded.
    public let pondedInflowCubicMetresPerSecond: Double
    public let pondedOutflowCubicMetresPerSecond: Double
    public let stretches: [Stretch]

    /// `siteInflow` and `siteOutflow` are the site's metered rates while flooded (its `simulate:` pulse rates
    /// times the meters' volume a pulse).
    public init(season: PaddySeason, area: SquareMetres, targetDepth: Metres, evaporationPerDay: Millimetres,
                siteInflowCubicMetresPerSecond siteInflow: Double, siteOutflowCubicMetresPerSecond siteOutflow: Double) {
        self.season = season
        let a = max(area.value, 1)
        let e = max(0, evaporationPerDay.value) / 1000 / 86_400
        areaSquareMetres = a
        targetDepthMetres = max(0, targetDepth.value)
        evaporationMetresPerSecond = e
        let p = max(0, (siteInflow - siteOutflow) / a - e)
        percolationMetresPerSecond = p
        pondedOutflowCubicMetresPerSecond = max(0, siteOutflow)
        pondedInflowCubicMetresPerSecond = pondedOutflowCubicMetresPerSecond + (e + p) * a
        stretches = Self.stretches(season: season, area: a, target: targetDepthMetres, losses: e + p,
                                   pondedIn: pondedInflowCubicMetresPerSecond, pondedOut: pondedOutflowCubicMetresPerSecond,
                                   evaporation: e, percolation: p)
    }

    /// The stretch in force at true time `t`.
    public func stretch(at t: UnixTime) -> Stretch {
        stretches.last { $0.from <= t.milliseconds } ?? stretches[0]
    }

    public func depthMetres(at t: UnixTime) -> Double { stretch(at: t).depthMetres(at: t) }

    /// The instants the rates change (each phase's start), for the simulated clock to stop at.
    public var changes: [UnixTime] { stretches.dropFirst().map { UnixTime(milliseconds: $0.from) } }

    /// Builds the season's stretches: dry until the first flood, then for each flooded span a fill (cut short if
    /// the span ends first), the pond held at its target, and a drain (cut short if the next flood comes first).
    private static func stretches(season: PaddySeason, area a: Double, target: Double, losses: Double,
                                  pondedIn: Double, pondedOut: Double, evaporation e: Double, percolation p: Double) -> [Stretch] {
        let fillRise = fillingMillimetresPerHour / 1000 / 3600
        let drainFall = drainingMillimetresPerHour / 1000 / 3600
        let fillInflow = (fillRise + losses) * a
        let drainOutflow = drainFall * a
        var out = [Stretch(phase: .dry, from: Int64.min, to: Int64.max, depthAtStartMetres: 0, depthMetresPerSecond: 0,
                           inflowCubicMetresPerSecond: 0, outflowCubicMetresPerSecond: 0,
                           evaporationCubicMetresPerSecond: 0, percolationCubicMetresPerSecond: 0)]
        func add(_ phase: Phase, _ from: Int64, depth: Double, slope: Double, inflow: Double, outflow: Double, wet: Bool) {
            out[out.count - 1].to = from
            out.append(Stretch(phase: phase, from: from, to: Int64.max, depthAtStartMetres: depth, depthMetresPerSecond: slope,
                               inflowCubicMetresPerSecond: inflow, outflowCubicMetresPerSecond: outflow,
                               evaporationCubicMetresPerSecond: wet ? e * a : 0, percolationCubicMetresPerSecond: wet ? p * a : 0))
        }
        for span in season.floodedSpans {
            let start = span.from.milliseconds, end = span.to.milliseconds
            // A drain the flood interrupts leaves its water: the fill starts from it.
            while out.count > 1 && out[out.count - 1].from >= start { out.removeLast() }
            let depth = out[out.count - 1].depthMetres(at: span.from)
            if depth < target {
                add(.filling, start, depth: depth, slope: fillRise, inflow: fillInflow, outflow: 0, wet: true)
                let filled = start + Int64(((target - depth) / fillRise * 1000).rounded(.up))
                if filled < end {
                    add(.ponded, filled, depth: target, slope: 0, inflow: pondedIn, outflow: pondedOut, wet: true)
                }
            } else {
                add(.ponded, start, depth: target, slope: 0, inflow: pondedIn, outflow: pondedOut, wet: true)
            }
            let left = min(target, out[out.count - 1].depthMetres(at: span.to))
            guard left > 0 else { continue }
            add(.draining, end, depth: left, slope: -(drainFall + losses), inflow: 0, outflow: drainOutflow, wet: true)
            add(.dry, end + Int64((left / (drainFall + losses) * 1000).rounded(.up)), depth: 0, slope: 0,
                inflow: 0, outflow: 0, wet: false)
        }
        return out
    }
}

extension PaddySeason {
    /// The spans the paddy is flooded, in time order: the season less its drained interruptions.
    public var floodedSpans: [Span] {
        var spans: [Span] = []
        var start = flooded.from
        for gap in drained.sorted(by: { $0.from.milliseconds < $1.from.milliseconds }) {
            if gap.from.milliseconds > start.milliseconds { spans.append(Span(from: start, to: gap.from)) }
            if gap.to.milliseconds > start.milliseconds { start = gap.to }
        }
        if flooded.to.milliseconds > start.milliseconds { spans.append(Span(from: start, to: flooded.to)) }
        return spans
    }
}
