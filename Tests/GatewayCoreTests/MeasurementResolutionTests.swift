import GatewayCore
import PropertyBased
import Testing

/// Issue 15: published values carried binary noise ("3.1999999999999997" mA, "s: 7.199999999999999" kWh).
@Suite struct MeasurementResolutionTests {
    @Test func binaryNoiseIsDroppedAtTheSensorsResolution() throws {
        // One ADS1115 code at ±4.096 V across 150 Ω: 0.125 mV / 150 Ω ≈ 0.00083 mA.
        let loop = try #require(MeasurementResolution(step: MeasuredValue(0.000125 / 150 * 1000, "mA")))
        #expect(loop.publishable(MeasuredValue(3.1999999999999997, "mA")) == 3.2)
        let tenthKWh = try #require(MeasurementResolution(step: MeasuredValue(0.1, "kWh")))
        #expect(tenthKWh.publishable(MeasuredValue(7.199999999999999, "kWh")) == 7.2)
    }

    @Test func realPrecisionIsKept() throws {
        // A 2.4 kWh pulse (2400 on the secondary side of a 1000 imp/kWh meter) is 2.4, never rounded to a
        // shorter 2; three of them are 7.2.
        let coarse = try #require(MeasurementResolution(step: MeasuredValue(2.4, "kWh")))
        #expect(coarse.publishable(MeasuredValue(2.4, "kWh")) == 2.4)
        #expect(coarse.publishable(MeasuredValue(3 * 2.4, "kWh")) == 7.2)
        #expect(coarse.publishable(MeasuredValue(14.399999999999999, "kWh")) == 14.4)
        // A TMP117 LSB is 1/128 °C: 25.0078125 °C keeps the digits that tell its LSB apart.
        let tmp117 = try #require(MeasurementResolution(step: MeasuredValue(0.0078125, "Cel")))
        #expect(tmp117.publishable(MeasuredValue(25.0078125, "Cel")) == 25.00781)
        #expect(tmp117.publishable(MeasuredValue(-0.0078125, "Cel")) == -0.00781)
        // 1/450 l steps (a 450 pulses/l meter) are no decimal: a thousandth of a step decides.
        let flow = try #require(MeasurementResolution(step: MeasuredValue(1.0 / 450, "l")))
        #expect(flow.publishable(MeasuredValue(1001.0 / 450, "l")) == 2.224444)
    }

    @Test func anotherUnitOrANonFiniteValueIsLeftAlone() throws {
        let r = try #require(MeasurementResolution(step: MeasuredValue(0.1, "kWh")))
        #expect(r.publishable(MeasuredValue(7.199999999999999, "Wh")) == 7.199999999999999)
        #expect(r.publishable(MeasuredValue(.infinity, "kWh")) == .infinity)
        #expect(MeasurementResolution(step: MeasuredValue(0, "kWh")) == nil)
        #expect(MeasurementResolution(step: MeasuredValue(.nan, "kWh")) == nil)
    }

    @Test func everyStepReadsBackAsItself() async {
        // Whatever the step (1e-6 to 100) and the count of steps, the published number is within a thousandth
        // of a step, so rounding it to the step recovers the count: nothing the sensor resolved is lost.
        await propertyCheck(input: Gen.int(in: -6...2), Gen.int(in: 1...9), Gen.int64(in: -50_000_000...50_000_000)) { exponent, mantissa, count in
            var step = Double(mantissa)
            for _ in 0..<abs(exponent) { step = exponent < 0 ? step / 10 : step * 10 }
            step /= 7  // not a decimal fraction either
            let r = MeasurementResolution(step: MeasuredValue(step, "u"))!
            let value = Double(count) * step
            let published = r.publishable(MeasuredValue(value, "u"))
            #expect(abs(published - value) < step / 1000)
            #expect((published / step).rounded() == Double(count))
        }
    }
}
