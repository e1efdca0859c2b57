/// Instantaneous rates from the interval between two meter pulses.
public enum PulseRate {
    /// S0 energy meters: P[kW] = 3600 / (impulses per kWh × Δt[s]); 1000 imp/kWh every 3.6 s is 1 kW.
    public static func power(interval: Duration, impulsesPerKWh: Double) -> Kilowatts {
        Kilowatts(3600 / (impulsesPerKWh * interval.value))
    }

    /// Water meters: one pulse is 1/K litres, so flow = 3600 / (K × Δt) litres per hour.
    public static func flow(interval: Duration, pulsesPerLitre: Double) -> CubicMetresPerHour {
        CubicMetresPerHour(3600 / (pulsesPerLitre * interval.value) / 1000)
    }
}
