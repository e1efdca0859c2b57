import BoardIO
import FieldText
import GatewayCore
import SimulatedBoard
import Testing
@testable import GatewayRuntime

/// Issue 15: 20.8 mA on a 0–10 m transmitter was published as 10.5 m and 3.7 mA as −0.19 m, as good readings;
/// only the NAMUR NE 43 failure bands were flagged, and their fault did not say what to look for.
@Suite struct LoopCurrentBandTests {
    let adc = I2CDeviceAddress(busRole: "sensors", busPath: "/dev/i2c-1", address: 0x48)

    /// A 0–10 m level transmitter on AIN0 across 150 Ω, read at `milliamperes`.
    func sample(_ milliamperes: Double) throws -> ChannelSample {
        let spec = ChannelSpec(id: "water-column",
                               driver: .ads1115(adc, input: .ain0, fullScaleVolts: 4.096, samplesPerSecond: 128,
                                                shunt: Ohms(150), scaling: LoopScaling(lowerRangeValue: 0, upperRangeValue: 10)),
                               quantity: .waterLevel, role: nil, unit: "m", interval: Duration(60))
        let bus = SimulatedI2CBus(path: adc.busPath)
        let model = ADS1115Model()
        model.setLoopCurrent(Milliamperes(milliamperes), through: Ohms(150), on: .ain0)
        bus.attach(model, at: adc.address)
        let sampler = try #require(I2CChannelSampler.make(spec) { _ throws(I2CError) in bus })
        return sampler.sample()
    }

    /// The value and whether it was flagged, or the fault text.
    func outcome(_ milliamperes: Double) throws -> (value: Double?, quality: ReadingQuality, fault: String?) {
        switch try sample(milliamperes) {
        case .value(let v): (v.value, .good, nil)
        case .saturated(let v): (v.value, .saturated, nil)
        case .fault(let problem): (nil, .fault, problem.line(in: .english))
        case .total: (nil, .fault, "a loop channel returned a total")
        }
    }

    @Test(arguments: [3.8, 4.0, 12.0, 20.0, 20.5])
    func measuringRangeIsGood(milliamperes: Double) throws {
        let o = try outcome(milliamperes)
        #expect(o.quality == .good)
        #expect(abs(o.value! - (milliamperes - 4) / 16 * 10) < 0.001)
    }

    @Test(arguments: [20.52, 20.8, 20.98])
    func aboveTheMeasuringRangeIsSaturatedAtTheUpperRangeValue(milliamperes: Double) throws {
        let o = try outcome(milliamperes)
        #expect(o.quality == .saturated)
        #expect(o.value == 10)
    }

    @Test(arguments: [3.62, 3.7, 3.78])
    func belowTheMeasuringRangeIsSaturatedAtTheLowerRangeValue(milliamperes: Double) throws {
        let o = try outcome(milliamperes)
        #expect(o.quality == .saturated)
        #expect(o.value == 0)
    }

    @Test(arguments: [0.0, 3.2, 3.59])
    func lowFailureNamesAnOpenLoop(milliamperes: Double) throws {
        let o = try outcome(milliamperes)
        #expect(o.quality == .fault)
        #expect(o.fault?.hasPrefix("ADS1115 on /dev/i2c-1 address 0x48: loop current ") == true, "\(o.fault ?? "")")
        #expect(o.fault?.contains("likely cause: an open loop or a broken wire") == true, "\(o.fault ?? "")")
        #expect(o.fault?.contains("what to do: measure the loop current with a meter in series") == true, "\(o.fault ?? "")")
    }

    /// The technician reading Japanese gets the same shape from the same fault.
    @Test func theOpenLoopInJapanese() throws {
        guard case .fault(let problem) = try sample(3.2) else {
            Issue.record("3.2 mA was not a fault")
            return
        }
        let text = problem.text(in: .japanese)
        #expect(text.hasPrefix("ADS1115 on /dev/i2c-1 address 0x48: ループ電流 3.2 mA、正常な伝送器の下限 3.6 mA を下回っています\n"), "\(text)")
        #expect(text.contains("\n  考えられる原因: ループの開放、断線、または伝送器の電源断\n"), "\(text)")
        #expect(text.contains("\n  対処: テスターを直列に入れてループ電流を測り"), "\(text)")
    }

    @Test(arguments: [21.01, 22.5, 26.0])
    func highFailureNamesAShortCircuit(milliamperes: Double) throws {
        let o = try outcome(milliamperes)
        #expect(o.quality == .fault)
        #expect(o.fault?.contains("likely cause: a short circuit between the loop wires") == true, "\(o.fault ?? "")")
    }
}
