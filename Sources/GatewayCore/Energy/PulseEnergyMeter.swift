/// An S0 (IEC 62053-31) pulse output of an energy meter. Some makers state the impulse constant for the
/// primary side, others for the secondary side of the instrument transformers, so the side is configuration.
public struct PulseEnergyMeter: Hashable, Sendable {
    public var impulsesPerKWh: Double
    /// 乗率; 1 for a direct-connected meter.
    public var multiplier: Double
    public var side: MeterSide

    public init(impulsesPerKWh: Double, multiplier: Double = 1, side: MeterSide = .primary) throws(EnergyError) {
        guard impulsesPerKWh > 0, impulsesPerKWh.isFinite else { throw .invalidMeter("impulse constant \(impulsesPerKWh) imp/kWh must be positive") }
        guard multiplier > 0, multiplier.isFinite else { throw .invalidMeter("multiplier \(multiplier) must be positive") }
        self.impulsesPerKWh = impulsesPerKWh
        self.multiplier = multiplier
        self.side = side
    }

    /// Primary-side kWh represented by one pulse.
    public var kWhPerPulse: Double {
        switch side {
        case .primary: 1 / impulsesPerKWh
        case .secondary: multiplier / impulsesPerKWh
        }
    }

    public func energy(_ pulses: PulseCount) -> KilowattHours { KilowattHours(pulses.value * kWhPerPulse) }

    /// Power from the time between two pulses: P[kW] = 3600 / (imp/kWh × Δt[s]), secondary side scaled up.
    public func power(pulseInterval: Duration) throws(EnergyError) -> Kilowatts {
        guard pulseInterval.value > 0 else { throw .invalidInterval(pulseInterval) }
        return Kilowatts(3600 * kWhPerPulse / pulseInterval.value)
    }
}
