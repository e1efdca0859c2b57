/// Heat energy in the units boards publish it in, for the report's megajoules.
public enum HeatEnergy {
    /// `total` in `unit` as megajoules, or nil for a unit that is not an energy unit the report knows.
    /// `J` is the SenML registered unit (RFC 8428 §12.1); `MJ` is what firmware before it sent.
    public static func megajoules(_ total: Double, unit: String) -> Double? {
        switch unit {
        case "J": total / 1_000_000
        case "kJ": total / 1_000
        case "MJ": total
        case "GJ": total * 1_000
        case "Wh": total * 0.0036
        case "kWh": total * 3.6
        default: nil
        }
    }
}
