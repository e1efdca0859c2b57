/// Which pipe the flow sensor sits in: its volume is measured at that pipe's temperature, so that is where
/// the density comes from.
public enum MeterPipe: String, Hashable, Sendable, CaseIterable {
    case supply, `return`
}

extension HeatCoefficient {
    /// EN 1434 heat coefficient k(θs, θr) = ρ(θ at meter) · (h(θs) − h(θr)) / (θs − θr), so that
    /// heat = k · V · Δθ for a volume V measured by the meter. Properties from IAPWS-IF97 region 1.
    public init(supply: DegreesCelsius, return ret: DegreesCelsius, meter: MeterPipe,
                pressure: Megapascals = HeatMeter.networkPressure) throws(HeatError) {
        guard supply != ret else { throw .noTemperatureDifference(supply) }
        let s = try IAPWSRegion1.state(temperature: supply, pressure: pressure)
        let r = try IAPWSRegion1.state(temperature: ret, pressure: pressure)
        let atMeter = meter == .supply ? s : r
        let perKelvin = (s.specificEnthalpy - r.specificEnthalpy) / (supply.value - ret.value)
        self.init(atMeter.density.value * perKelvin / 1000)  // kJ/(m³·K) → MJ/(m³·K)
    }
}
