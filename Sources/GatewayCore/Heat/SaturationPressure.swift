/// IAPWS-IF97 region 4 saturation-pressure equation: below this pressure water at a given temperature boils,
/// and the liquid formulation (region 1) no longer applies.
public enum SaturationPressure {
    static let n: [Double] = [
        0.11670521452767e4, -0.72421316703206e6, -0.17073846940092e2, 0.12020824702470e5, -0.32325550322333e7,
        0.14915108613530e2, -0.48232657361591e4, 0.40511340542057e6, -0.23855557567849, 0.65017534844798e3,
    ]

    /// For 0 °C up to the critical point, 373.946 °C.
    public static func at(_ temperature: DegreesCelsius) -> Megapascals {
        Megapascals(at(kelvin: temperature.value + 273.15))
    }

    /// MPa, for 273.15 K ≤ T ≤ 647.096 K.
    static func at(kelvin t: Double) -> Double {
        let theta = t + n[8] / (t - n[9])
        let a = theta * theta + n[0] * theta + n[1]
        let b = n[2] * theta * theta + n[3] * theta + n[4]
        let c = n[5] * theta * theta + n[6] * theta + n[7]
        let x = 2 * c / (-b + (b * b - 4 * a * c).squareRoot())
        return x * x * x * x
    }
}
