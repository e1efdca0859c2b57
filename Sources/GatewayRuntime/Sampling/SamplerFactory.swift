import BoardIO
import BoardLog
import GatewayCore
import Journal
import Platform

/// Builds one sampler per channel of a site on the given hardware.
struct SamplerFactory {
    /// A pulse longer than a second is no meter's; beyond this a debounce only hides pulses.
    static let longestDebounceMilliseconds = 1000.0

    let site: Site
    let hardware: BoardHardware
    let calibrations: LiveCalibrations
    let log: Logger

    func makeSamplers(states: [ChannelState]) throws(GatewayStartupError) -> [ChannelSampler] {
        var buses: [String: I2CBus] = [:]
        let openBus = { (path: String) throws(I2CError) -> I2CBus in
            if let b = buses[path] { return b }
            // Transient errors (noise on a long cable) are retried a few times before a sample is a fault.
            let b = RetryingI2CBus(try hardware.i2c.openBus(path), pause: { BoardThread.sleep(nanoseconds: Int64($0) * 1_000_000) })
            buses[path] = b
            return b
        }
        var samplers: [ChannelSampler] = []
        for spec in site.channels {
            if let s = I2CChannelSampler.make(spec, bus: openBus) {
                samplers.append(s)
                continue
            }
            let state = states.first { $0.device == site.device && $0.channel == spec.id }
            samplers.append(try pulseSampler(spec, startingTotal: state?.pulsesCounted ?? 0,
                                             publishedTotal: state?.pulseTotal ?? 0, publishedQuantity: state?.meteredTotal))
        }
        return samplers
    }

    private func pulseSampler(_ spec: ChannelSpec, startingTotal: UInt64, publishedTotal: UInt64,
                              publishedQuantity: Double?) throws(GatewayStartupError) -> ChannelSampler {
        let line: GPIOLineReference, debounceMs: Double, scale: () -> PulseChannelSampler.PulseScale
        switch spec.driver {
        case .pulseFlow(let l, let pulsesPerLitre, let debounce):
            line = l
            debounceMs = debounce
            // A bucket-tested K-factor record overrides the nominal one in the site file, from the next reading
            // after it is written (the loop re-reads the calibration folder when a file changes).
            scale = { [calibrations] in
                let recorded = calibrations.kFactor(channel: spec.id, at: WallClock.now())
                let litresPerPulse = 1 / (recorded?.pulsesPerLitre ?? pulsesPerLitre)
                return .init(unit: spec.unit, perPulse: spec.unit == "m3" ? litresPerPulse / 1000 : litresPerPulse,
                             calibrationID: recorded?.id)
            }
        case .pulseEnergy(let l, let impulses, let multiplier, let side, let debounce):
            line = l
            debounceMs = debounce
            do {
                let meter = try PulseEnergyMeter(impulsesPerKWh: impulses, multiplier: multiplier, side: side)
                let fixed = PulseChannelSampler.PulseScale(unit: spec.unit, perPulse: spec.unit == "Wh" ? meter.kWhPerPulse * 1000 : meter.kWhPerPulse)
                scale = { fixed }
            } catch {
                throw GatewayStartupError("channel \(spec.id): \(error)")
            }
        default:
            throw GatewayStartupError("channel \(spec.id): driver \(spec.driver.name) is not a pulse counter")
        }
        // The counter works in nanoseconds; a debounce from a file is checked before it is converted.
        guard debounceMs.isFinite, debounceMs >= 0, debounceMs <= Self.longestDebounceMilliseconds else {
            throw GatewayStartupError("channel \(spec.id): debounce \(debounceMs) ms is outside 0 to "
                + "\(Int(Self.longestDebounceMilliseconds)) ms; reed switches need 5 to 20 ms, S0 outputs 0 to 5 ms: "
                + "correct debounce in the site file")
        }
        let source: EdgeEventSource
        // Debouncing times each level, so it needs both edges. Without debounce only the active edge is asked
        // for: every event is then a pulse, and the kernel never has to say which way an edge went (the v1
        // uAPI decides that by reading the line afterwards, which a fast pulse may already have left).
        let activeEdgeOnly = debounceMs == 0
        do {
            source = try hardware.gpio.requestEdges(line.line, detect: activeEdgeOnly ? .rising : .both,
                                                    activeLow: line.activeLow, bias: line.bias,
                                                    consumer: "sensor-gateway:\(spec.id)")
        } catch {
            throw GatewayStartupError("channel \(spec.id): \(error)")
        }
        return PulseChannelSampler(spec: spec, source: source, debounce: GatewayCore.Duration(debounceMs / 1000),
                                   startingTotal: startingTotal, publishedTotal: publishedTotal,
                                   publishedQuantity: publishedQuantity, scale: scale,
                                   clock: hardware.clock,
                                   activeEdgeOnly: activeEdgeOnly, log: log)
    }
}
