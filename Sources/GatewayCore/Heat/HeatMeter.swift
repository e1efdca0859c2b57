/// Whether the circuit delivers heat (supply hotter than return) or removes it (chilled water, supply colder).
public enum HeatCircuit: String, Hashable, Sendable, CaseIterable {
    case heating, cooling
}

/// A heat meter's calculator: flow sensor in one pipe, temperature pair across supply and return.
public struct HeatMeter: Hashable, Sendable {
    public var circuit: HeatCircuit
    public var meter: MeterPipe
    public var pressure: Megapascals

    /// District-heating networks are built to PN16; the brief's k vectors are at 1.6 MPa.
    public static let networkPressure = Megapascals(1.6)

    public init(circuit: HeatCircuit, meter: MeterPipe, pressure: Megapascals = networkPressure) {
        self.circuit = circuit
        self.meter = meter
        self.pressure = pressure
    }

    /// Heat carried by `volume` at one temperature pair. Heat running the wrong way for the circuit (supply
    /// and return crossed, or no flow so the pipes equalise) counts as zero, as EN 1434 calculators do; the
    /// result says so rather than hiding it.
    public func heat(volume: CubicMetres, supply: DegreesCelsius, return ret: DegreesCelsius) throws(HeatError) -> HeatQuantity {
        guard volume.value >= 0 else { throw .negativeVolume(volume) }
        let k = try HeatCoefficient(supply: supply, return: ret, meter: meter, pressure: pressure)
        let difference = circuit == .heating ? supply - ret : ret - supply
        let reversed = difference.value < 0
        let energy = reversed ? Megajoules.zero : Megajoules(k.value * volume.value * difference.value)
        return HeatQuantity(energy: energy, coefficient: k, isReversed: reversed)
    }
}

public struct HeatQuantity: Hashable, Sendable {
    public var energy: Megajoules
    /// The k used, kept so the figure can be rechecked.
    public var coefficient: HeatCoefficient
    /// Δθ had the wrong sign for the circuit; `energy` is zero.
    public var isReversed: Bool

    public var kilowattHours: KilowattHours { energy.kilowattHours }
}
