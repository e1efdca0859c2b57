import GatewayCore
import Testing
@testable import GatewayRuntime

@Suite struct HeatDerivationTests {
    func reading(_ channel: ChannelID, _ value: Double, _ unit: String) -> Reading {
        Reading(key: ReadingKey(device: "gw", channel: channel, sequence: 1), time: UnixTime(milliseconds: 0),
                value: MeasuredValue(value, unit))
    }

    let spec = HeatMeterSpec(id: "district-heat", flow: "flow", supply: "supply", returnTemperature: "return",
                             meterPipe: .return, circuit: .heating)

    @Test func briefVectorTenCubicMetresAt70Over50() throws {
        let d = HeatDerivation(spec: spec, flowInterval: 60, previousTotal: Megajoules(1000))
        let t = UnixTime(milliseconds: 1_790_000_000_000)
        let out = d.derive(from: [reading("supply", 70, "Cel"), reading("return", 50, "Cel"), reading("flow", 10, "m3")], at: t)
        let heat = try #require(out.first)
        // 826.5 MJ, published in joules (RFC 8428's registered unit).
        #expect(abs(heat.value.value - 826.5e6) < 0.05e6)
        #expect(heat.value.unit == "J")
        #expect(heat.sum!.unit == "J")
        #expect(abs(heat.sum!.value - 1826.5e6) < 0.05e6)
        #expect(heat.method.contains("k=4.1325 "))
        #expect(heat.method.contains("meter=return circuit=heating"))
    }

    @Test func flowInLitresAndTemperaturesFromEarlierTicks() throws {
        let d = HeatDerivation(spec: spec, flowInterval: 60, previousTotal: .zero)
        let t = UnixTime(milliseconds: 1_790_000_000_000)
        #expect(d.derive(from: [reading("supply", 70, "Cel"), reading("return", 50, "Cel")], at: t).isEmpty)
        let out = d.derive(from: [reading("flow", 10_000, "l")], at: t)
        #expect(abs(try #require(out.first).value.value - 826.5e6) < 0.05e6)
    }

    @Test func aTotalJournaledInMegajoulesBeforeTheChangeContinuesInJoules() {
        #expect(HeatDerivation.total(journaled: MeasuredValue(1826.5, "MJ")) == Megajoules(1826.5))
        #expect(HeatDerivation.total(journaled: MeasuredValue(1826.5e6, "J")) == Megajoules(1826.5))
        #expect(HeatDerivation.total(journaled: nil) == .zero)
    }

    @Test func nothingUntilBothTemperaturesAreKnown() {
        let d = HeatDerivation(spec: spec, flowInterval: 60, previousTotal: .zero)
        let t = UnixTime(milliseconds: 1_790_000_000_000)
        #expect(d.derive(from: [reading("supply", 70, "Cel"), reading("flow", 1, "m3")], at: t).isEmpty)
    }
}
