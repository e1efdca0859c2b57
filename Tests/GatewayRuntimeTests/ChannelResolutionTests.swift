import BoardIO
import GatewayCore
import SimulatedBoard
import Testing
@testable import GatewayRuntime

/// Issue 15: "3.1999999999999997 mA" was published. Each driver declares what it resolves; the publisher writes
/// the sampled value at that resolution.
@Suite struct ChannelResolutionTests {
    let address = I2CDeviceAddress(busRole: "sensors", busPath: "/dev/i2c-1", address: 0x48)

    /// The pack the publisher would send for one sample of `spec` on a simulated chip.
    func published(_ spec: ChannelSpec, _ chip: any I2CDeviceModel) throws -> String {
        let bus = SimulatedI2CBus(path: address.busPath)
        bus.attach(chip, at: address.address)
        let sampler = try #require(I2CChannelSampler.make(spec) { _ throws(I2CError) in bus })
        guard case .value(let v) = sampler.sample() else { Issue.record("no value"); return "" }
        let reading = Reading(key: ReadingKey(device: "gw1", channel: spec.id, sequence: 1),
                              time: UnixTime(milliseconds: 1_790_000_000_000), value: v)
        let resolutions = sampler.resolution.map { [spec.id: $0] } ?? [:]
        return String(decoding: try #require(PackEncoding.payload([reading], resolutions: resolutions)), as: UTF8.self)
    }

    func loop(_ quantity: QuantityKind, unit: String) -> ChannelSpec {
        ChannelSpec(id: "loop", driver: .ads1115(address, input: .ain0, fullScaleVolts: 4.096, samplesPerSecond: 128,
                                                 shunt: Ohms(150), scaling: LoopScaling(lowerRangeValue: 0, upperRangeValue: 10)),
                    quantity: quantity, role: nil, unit: unit, interval: Duration(60))
    }

    @Test func aLoopCurrentIsPublishedAtOneADCCode() throws {
        let adc = ADS1115Model()
        adc.setLoopCurrent(Milliamperes(3.2), through: Ohms(150), on: .ain0)
        let pack = try published(loop(.loopCurrent, unit: "mA"), adc)
        #expect(pack.contains("\"u\":\"mA\",\"v\":3.2}"), "\(pack)")
    }

    @Test func aScaledLoopIsPublishedAtOneADCCodeOfItsSpan() throws {
        // 15.2 mA on 0–10 m: 7.0 m (7.000000000000001 before), one code being 0.00052 m.
        let adc = ADS1115Model()
        adc.setLoopCurrent(Milliamperes(15.2), through: Ohms(150), on: .ain0)
        let pack = try published(loop(.waterLevel, unit: "m"), adc)
        #expect(pack.contains("\"u\":\"m\",\"v\":7}"), "\(pack)")
    }

    @Test func aTMP117IsPublishedAtItsLSB() throws {
        let spec = ChannelSpec(id: "t", driver: .tmp117(address), quantity: .temperature, role: nil, unit: "Cel",
                               interval: Duration(60))
        let pack = try published(spec, TMP117Model(temperature: DegreesCelsius(25.0078125)))
        #expect(pack.contains("\"u\":\"Cel\",\"v\":25.00781}"), "\(pack)")
    }
}
