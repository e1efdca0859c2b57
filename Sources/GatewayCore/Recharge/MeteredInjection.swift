/// Recharge through an injection well or infiltration basin: the metered inflow is the recharge.
public enum MeteredInjection {
    public struct InvalidInput: Error, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Volume from a pulse flow meter: pulses ÷ K-factor.
    public static func estimate(pulses: PulseCount, kFactor: KFactor, calibrationID: String? = nil) -> RechargeEstimate {
        var parameters = [EstimateParameter("pulses", pulses), EstimateParameter("k-factor", .measured(kFactor.measured))]
        if let calibrationID { parameters.append(EstimateParameter("calibration", .text(calibrationID))) }
        return RechargeEstimate(method: .meteredInjection, amount: .volume(kFactor.litres(for: pulses).cubicMetres),
                                parameters: parameters)
    }

    /// Volume from a 4–20 mA flow meter: the trapezoidal integral of its rate samples. Times are the monotonic
    /// clock's, never wall-clock differences, so a clock step cannot invent or erase water.
    public static func estimate(flow samples: [FlowSample], calibrationID: String? = nil) throws(InvalidInput) -> RechargeEstimate {
        guard samples.count >= 2 else { throw InvalidInput(description: "need at least two flow samples to integrate, got \(samples.count)") }
        var volume = CubicMetres.zero
        for (a, b) in zip(samples, samples.dropFirst()) {
            let span = b.elapsed - a.elapsed
            guard span.value > 0 else {
                throw InvalidInput(description: "flow samples at \(a.elapsed) and \(b.elapsed) are not in increasing time order")
            }
            volume += CubicMetresPerHour((a.rate.value + b.rate.value) / 2).volume(over: span)
        }
        var parameters = [EstimateParameter("samples", .count(samples.count)),
                          EstimateParameter("span", samples[samples.count - 1].elapsed - samples[0].elapsed)]
        if let calibrationID { parameters.append(EstimateParameter("calibration", .text(calibrationID))) }
        return RechargeEstimate(method: .meteredInjection, amount: .volume(volume), parameters: parameters)
    }
}

/// A flow-rate sample stamped on the monotonic clock.
public struct FlowSample: Hashable, Sendable {
    public var elapsed: Duration
    public var rate: CubicMetresPerHour
    public init(elapsed: Duration, rate: CubicMetresPerHour) {
        self.elapsed = elapsed
        self.rate = rate
    }
}
