/// Which pipe the flow sensor sits in: its volume is measured at that pipe's temperature, so that is where
/// the density comes from.
public enum MeterPipe: String, Hashable, Sendable {
    case supply, `return`
}

/// EN 1434 heat coefficient k(θs, θr) = ρ(θ at meter) · (h(θs) − h(θr)) / (θs − θr), in MJ/(m³·K), so that
/// heat = k · V · Δθ for a volume V measured by the meter.
public enum HeatCoefficientFormula {
    /// District-heating networks are specified for PN16; the brief's vectors use 1.6 MPa.
    public static let defaultPressure = Megapascals(1.6)

    public static func k(supply: DegreesCelsius, return ret: DegreesCelsius, meter: MeterPipe,
                         pressure: Megapascals = defaultPressure) throws(HeatError) -> HeatCoefficient {
        guard supply != ret else { throw .noTemperatureDifference(supply) }
        let s = try IAPWSRegion1.state(temperature: supply, pressure: pressure)
        let r = try IAPWSRegion1.state(temperature: ret, pressure: pressure)
        let atMeter = meter == .supply ? s : r
        let perKelvin = (s.specificEnthalpy - r.specificEnthalpy) / (supply.value - ret.value)
        return HeatCoefficient(atMeter.density.value * perKelvin / 1000)
    }
}
