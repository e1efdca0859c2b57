import GatewayCore

/// 30-minute energy and demand (デマンド) for one energy channel: the kWh in each fixed :00–:30 / :30–:00 JST
/// window and the demand it implies (kWh × 2), emitted when a window closes, plus the predicted demand of the
/// running window at every sample. An increment belongs to the window containing the middle of the interval it
/// covers (`AlignedSampling.attributionInstant`): read a few milliseconds after :30, it still counts before it.
///
/// A window closes as soon as its end has passed: at the reading that completes it (`DemandWindow.isComplete`:
/// with aligned sampling the reading at its end, or a clean stop in its last millisecond, as a simulated run
/// makes at a fiscal year's end), so the year's last window is closed in that year and not by a reading after
/// it. Otherwise it closes at the first increment of a later window (a sampling interval that does not fall on
/// the window's end, a clock step). The one running when the gateway stops mid-window (clean stop, `kill -9`,
/// power cut) closes in the next run: if that run's first increment belongs to the same window, the window is
/// reseeded from the journal and goes on; if it belongs to a later one, the window open at the stop is closed
/// at once with the energy the journal holds for it. Only a window with no increment at all (the gateway down
/// through all of it) has no value: that reading is truly missing. An increment that belongs to the window just
/// closed (read within the millisecond after a stop at its last millisecond) is counted in the next window, so
/// no window is published twice.
final class DemandDerivation: Derivation {
    let source: ChannelID
    let channels: [DerivedChannel]
    private let energyChannel: DerivedChannel
    private let demandChannel: DerivedChannel
    private let predictedChannel: DerivedChannel
    private var window: DemandWindow?
    private var energyInWindow = KilowattHours.zero
    private var lastSampleTime: UnixTime?
    /// Whether this run has had its first increment (the one that reseeds or closes what the journal holds).
    private var started = false
    /// The window this run (or, at its start, the journal) last closed.
    private var lastClosed: DemandWindow?
    /// The source meter's sampling interval: an increment read at t covers (t − interval, t].
    private let sourceIntervalMilliseconds: Int64

    /// `energySoFar` reseeds a window that was running when the board restarted, from the journal;
    /// `openAtStop` is the window the journal holds increments of but no closing value for (read at the first
    /// increment of this run, before it is journaled), nil when the journal has none.
    /// `closedAtStop` is the newest window whose value the journal holds (nil when none).
    init(source: ChannelID, sourceIntervalMilliseconds: Int64 = 0, openAtStop: @escaping () -> DemandWindow? = { nil },
         closedAtStop: @escaping () -> DemandWindow? = { nil },
         energySoFar: @escaping (TimeBucket) -> KilowattHours) {
        self.source = source
        self.sourceIntervalMilliseconds = sourceIntervalMilliseconds
        energyChannel = DerivedChannel(id: Self.energyChannelID(of: source), quantity: "energy", unit: "kWh",
                                       source: source, intervalSeconds: 1800)
        demandChannel = DerivedChannel(id: ChannelID(source.rawValue + "-demand"), quantity: "demand", unit: "kW",
                                       source: source, intervalSeconds: 1800)
        predictedChannel = DerivedChannel(id: ChannelID(source.rawValue + "-demand-predicted"), quantity: "demand",
                                          unit: "kW", source: source, intervalSeconds: 0)
        channels = [energyChannel, demandChannel, predictedChannel]
        self.energySoFar = energySoFar
        self.openAtStop = openAtStop
        self.closedAtStop = closedAtStop
    }

    private let openAtStop: () -> DemandWindow?
    private let closedAtStop: () -> DemandWindow?

    /// The channel of each closed window's kWh, stamped with the window's start.
    static func energyChannelID(of source: ChannelID) -> ChannelID { ChannelID(source.rawValue + "-30min") }

    private let energySoFar: (TimeBucket) -> KilowattHours

    func derive(from tick: [Reading], at time: UnixTime) -> [DerivedValue] {
        guard let reading = tick.first(where: { $0.key.channel == source }),
              let increment = reading.value, increment.unit == "kWh", reading.quality != .fault else { return [] }
        var out: [DerivedValue] = []
        if !started { lastClosed = closedAtStop() }
        var current = DemandWindow(containing: AlignedSampling.attributionInstant(readAt: time, intervalMilliseconds: sourceIntervalMilliseconds))
        if current == lastClosed { current = current.next }
        if let w = window, w != current {
            out += closed(w, energy: energyInWindow)
            energyInWindow = .zero
        } else if !started {
            // The first increment of this run. The increment just read is journaled in this same transaction, so
            // neither the seed nor the window left open at the stop includes it.
            if let open = openAtStop(), open.bucket.start < current.bucket.start {
                out += closed(open, energy: energySoFar(open.bucket))
            } else {
                energyInWindow = energySoFar(current.bucket)
            }
        }
        started = true
        window = current
        energyInWindow += KilowattHours(increment.value)
        if let last = lastSampleTime, time > last {
            let hours = Double(time.milliseconds - last.milliseconds) / 3_600_000
            let power = Kilowatts(increment.value / hours)
            if let predicted = try? current.predictedDemand(energySoFar: energyInWindow, powerNow: power, at: time) {
                out.append(DerivedValue(channel: predictedChannel.id, time: time, value: predicted.measured,
                                        method: "predicted-demand window=\(current.bucket) power-now=\(rounded(power.value)) kW"))
            }
        }
        lastSampleTime = time
        if current.isComplete(afterReadingAt: time) {
            out += closed(current, energy: energyInWindow)
            window = nil
            energyInWindow = .zero
        }
        return out
    }

    private func closed(_ w: DemandWindow, energy: KilowattHours) -> [DerivedValue] {
        lastClosed = w
        let method = "demand-30min window=\(w.bucket) source=\(source)"
        return [
            DerivedValue(channel: energyChannel.id, time: w.bucket.start, value: energy.measured, method: method),
            DerivedValue(channel: demandChannel.id, time: w.bucket.start,
                         value: DemandWindow.demand(energy).measured, method: method),
        ]
    }
}

/// Three decimals for method strings: enough to trace, short on the wire. Avoids String(format:), which would
/// pull ICU into the board binary.
func rounded(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
