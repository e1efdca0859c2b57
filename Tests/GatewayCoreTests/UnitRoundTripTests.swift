import GatewayCore
import PropertyBased
import Testing

@Suite struct UnitRoundTripTests {
    @Test func energyRoundTrip() async {
        await propertyCheck(input: Gen.double(in: -1e9...1e9)) { v in
            let kWh = KilowattHours(v)
            #expect(approximately(kWh.megajoules.kilowattHours.value, v, within: abs(v) * 1e-15 + 1e-12))
            #expect(approximately(Megajoules(v).kilowattHours.megajoules.value, v, within: abs(v) * 1e-15 + 1e-12))
        }
    }

    @Test func volumeRoundTrip() async {
        await propertyCheck(input: Gen.double(in: -1e9...1e9)) { v in
            #expect(approximately(Litres(v).cubicMetres.litres.value, v, within: abs(v) * 1e-15 + 1e-12))
            #expect(approximately(CubicMetres(v).litres.cubicMetres.value, v, within: abs(v) * 1e-15 + 1e-12))
        }
    }

    @Test func namedConversions() {
        #expect(KilowattHours(1).megajoules == Megajoules(3.6))
        #expect(Megapascals(1.6).pascals == Pascals(1_600_000))
        #expect(CubicMetresPerHour(49.36).volume(over: Duration(900)) == CubicMetres(12.34))
        #expect(CubicMetres(13_171_000).manCubicMetres == 1317.1)
    }
}
