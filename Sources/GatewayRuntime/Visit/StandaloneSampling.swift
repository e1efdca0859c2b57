import BoardIO
import BoardLog
import FieldText
import GatewayCore

/// Every channel of a site sampled by this process itself (`watch --standalone`, `commission` without a running
/// gateway): raw values with the calibration in force applied, pulse lines counted from when they were opened.
/// On a real board the service must be stopped first: it holds the pulse lines.
public final class StandaloneSampling {
    private let samplers: [ChannelSampler]
    private let calibrations: LiveCalibrations
    private var views: [ChannelView]
    private var lastSampled: [UInt64?]
    private let clock: any MonotonicClock
    private let historyLength: Int

    public init(site: Site, on hardware: VisitHardware, calibrationFolder: String?, log: Logger,
                historyLength: Int = 16) throws(GatewayStartupError) {
        do { calibrations = try LiveCalibrations(directory: calibrationFolder, log: log) } catch {
            throw GatewayStartupError("\(error)")
        }
        samplers = try SamplerFactory(site: site, hardware: BoardHardware(i2c: hardware.i2c, gpio: hardware.gpio,
                                                                          clock: hardware.clock),
                                      calibrations: calibrations, log: log).makeSamplers(states: [])
        views = samplers.map { ChannelView(spec: $0.spec) }
        lastSampled = Array(repeating: nil, count: samplers.count)
        clock = hardware.clock
        self.historyLength = historyLength
    }

    /// Samples every channel once, now.
    public func sample(at time: UnixTime) -> [ChannelView] {
        calibrations.refreshIfChanged()
        let now = clock.nowNanoseconds()
        for (i, sampler) in samplers.enumerated() {
            var view = views[i]
            view.sequence += 1
            let sample = sampler.sample()
            switch sample {
            case .value(let raw), .saturated(let raw):
                let (corrected, id) = calibrations.corrected(raw, channel: sampler.spec.id, at: time)
                view.raw = raw.value
                view.value = corrected.value
                view.calibrationID = id
                // NE 43: a saturated loop is held at the end of its span, which the technician must see.
                if case .saturated = sample { view.quality = "saturated" } else { view.quality = "good" }
                view.fault = nil
                view.history.append(corrected.value)
            case .total(let increment, let total, _, let id):
                view.value = increment.value
                view.total = total.value
                view.calibrationID = id
                view.quality = "good"
                view.fault = nil
                view.history.append(increment.value)
                if let before = lastSampled[i], now > before {
                    view.ratePerMinute = increment.value / (Double(now - before) / 1e9) * 60
                }
            case .fault(let problem):
                view.quality = "fault"
                view.fault = problem.line()
            }
            view.rejectedGlitches = sampler.rejectedGlitches()
            view.time = time
            if view.history.count > historyLength { view.history.removeFirst(view.history.count - historyLength) }
            lastSampled[i] = now
            views[i] = view
        }
        return views
    }

    deinit { for sampler in samplers { sampler.close() } }
}
