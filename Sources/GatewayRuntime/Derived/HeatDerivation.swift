import GatewayCore

/// Heat through a district-heating (or chilled-water) circuit per flow interval, EN 1434:
/// Q = k(θs, θr) · V · Δθ, with k from IAPWS-IF97 for the pipe the flow meter sits in. Uses the latest supply
/// and return temperatures read; the running total continues after a restart from the journal.
///
/// Heat goes on the wire in joules (`J`, registered in RFC 8428 §12.1); `MJ` is in neither SenML unit registry.
/// Internally the meter works in megajoules, the unit of EN 1434's coefficient.
final class HeatDerivation: Derivation {
    static let wireUnit = "J"
    static let joulesPerMegajoule = 1e6

    let spec: HeatMeterSpec
    let channels: [DerivedChannel]
    private let meter: HeatMeter
    private var supply: DegreesCelsius?
    private var returnTemperature: DegreesCelsius?
    private var total: Megajoules

    init(spec: HeatMeterSpec, flowInterval: Double, previousTotal: Megajoules) {
        self.spec = spec
        meter = HeatMeter(circuit: spec.circuit, meter: spec.meterPipe)
        total = previousTotal
        channels = [DerivedChannel(id: spec.id, quantity: "heat", unit: Self.wireUnit, source: spec.flow, intervalSeconds: flowInterval)]
    }

    func derive(from tick: [Reading], at time: UnixTime) -> [DerivedValue] {
        func latest(_ id: ChannelID) -> DegreesCelsius? {
            tick.first { $0.key.channel == id && $0.quality != .fault }?.value.map { DegreesCelsius($0.value) }
        }
        supply = latest(spec.supply) ?? supply
        returnTemperature = latest(spec.returnTemperature) ?? returnTemperature
        guard let flow = tick.first(where: { $0.key.channel == spec.flow && $0.quality != .fault })?.value,
              let supply, let returnTemperature else { return [] }
        let volume = flow.unit == "l" ? Litres(flow.value).cubicMetres : CubicMetres(flow.value)
        guard let heat = try? meter.heat(volume: volume, supply: supply, return: returnTemperature) else { return [] }
        total += heat.energy
        let k = (heat.coefficient.value * 10_000).rounded() / 10_000
        let method = "EN1434 k=\(k) MJ/(m3.K) supply=\(rounded(supply.value)) Cel "
            + "return=\(rounded(returnTemperature.value)) Cel meter=\(spec.meterPipe.rawValue) circuit=\(spec.circuit.rawValue)"
            + (heat.isReversed ? " reversed-difference" : "")
        return [DerivedValue(channel: spec.id, time: time, value: Self.onTheWire(heat.energy), sum: Self.onTheWire(total),
                             method: method)]
    }

    static func onTheWire(_ energy: Megajoules) -> MeasuredValue {
        MeasuredValue(energy.value * joulesPerMegajoule, wireUnit)
    }

    /// The running total a journaled heat reading carries, in whichever unit it was journaled: boards before
    /// this change journaled megajoules.
    static func total(journaled sum: MeasuredValue?) -> Megajoules {
        guard let sum else { return .zero }
        return sum.unit == wireUnit ? Megajoules(sum.value / joulesPerMegajoule) : Megajoules(sum.value)
    }
}
