/// IAPWS-IF97 region 1 (compressed liquid water), from the dimensionless Gibbs free energy
/// γ(π, τ) = Σ nᵢ (7.1 − π)^Iᵢ (τ − 1.222)^Jᵢ, π = p / 16.53 MPa, τ = 1386 K / T.
/// EN 1434 heat meters take water's properties from this formulation.
public enum IAPWSRegion1 {
    static let specificGasConstant = 0.461526  // kJ/(kg·K)
    static let referencePressure = 16.53       // MPa
    static let referenceTemperature = 1386.0   // K

    /// (I, J, n) from IAPWS-IF97 Table 2.
    static let terms: [(i: Int, j: Int, n: Double)] = [
        (0, -2, 0.14632971213167), (0, -1, -0.84548187169114), (0, 0, -0.37563603672040e1),
        (0, 1, 0.33855169168385e1), (0, 2, -0.95791963387872), (0, 3, 0.15772038513228),
        (0, 4, -0.16616417199501e-1), (0, 5, 0.81214629983568e-3), (1, -9, 0.28319080123804e-3),
        (1, -7, -0.60706301565874e-3), (1, -1, -0.18990068218419e-1), (1, 0, -0.32529748770505e-1),
        (1, 1, -0.21841717175414e-1), (1, 3, -0.52838357969930e-4), (2, -3, -0.47184321073267e-3),
        (2, 0, -0.30001780793026e-3), (2, 1, 0.47661393906987e-4), (2, 3, -0.44141845330846e-5),
        (2, 17, -0.72694996297594e-15), (3, -4, -0.31679644845054e-4), (3, 0, -0.28270797985312e-5),
        (3, 6, -0.85205128120103e-9), (4, -5, -0.22425281908000e-5), (4, -2, -0.65171222895601e-6),
        (4, 10, -0.14341729937924e-12), (5, -8, -0.40516996860117e-6), (8, -11, -0.12734301741641e-8),
        (8, -6, -0.17424871230634e-9), (21, -29, -0.68762131295531e-18), (23, -31, 0.14478307828521e-19),
        (29, -38, 0.26335781662795e-22), (30, -39, -0.11947622640071e-22), (31, -40, 0.18228094581404e-23),
        (32, -41, -0.93537087292458e-25),
    ]

    /// Water's state at one temperature and pressure.
    public struct State: Hashable, Sendable {
        /// m³/kg
        public var specificVolume: Double
        /// kJ/kg
        public var specificEnthalpy: Double
        public var density: Density { Density(1 / specificVolume) }
    }

    public static func state(temperature: DegreesCelsius, pressure: Megapascals) throws(HeatError) -> State {
        let kelvin = temperature.value + 273.15
        guard (273.15...623.15).contains(kelvin) else { throw .outsideRegion1(temperature: temperature, pressure: pressure) }
        // Below the saturation pressure the water is steam, which region 1 does not describe.
        guard pressure.value <= 100, pressure.value >= SaturationPressure.at(kelvin: kelvin) else {
            throw .outsideRegion1(temperature: temperature, pressure: pressure)
        }
        let pi = pressure.value / referencePressure
        let tau = referenceTemperature / kelvin
        var gammaPi = 0.0, gammaTau = 0.0
        for t in terms {
            let a = 7.1 - pi, b = tau - 1.222
            gammaPi -= t.n * Double(t.i) * power(a, t.i - 1) * power(b, t.j)
            gammaTau += t.n * power(a, t.i) * Double(t.j) * power(b, t.j - 1)
        }
        let rt = specificGasConstant * kelvin
        return State(specificVolume: rt / (pressure.value * 1000) * pi * gammaPi, specificEnthalpy: rt * tau * gammaTau)
    }

    /// Integer powers by repeated squaring; GatewayCore has no Foundation `pow`.
    static func power(_ x: Double, _ n: Int) -> Double {
        if n < 0 { return 1 / power(x, -n) }
        var result = 1.0, base = x, e = n
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }
}
