import BoardLog
import Foundation
import GatewayCore
import Journal
import SenML
import Testing
@testable import GatewayRuntime

/// Issue 16: a non-finite value (a gain of 1e308, `pulses-per-litre: 1e-320`, `multiplier: 1e308`) used to make
/// the whole pack go out as `[]`. It is now a fault reading of its own channel; the other channels are unaffected.
@Suite struct NonFiniteReadingTests {
    final class FixedSampler: ChannelSampler {
        let spec: ChannelSpec
        let result: ChannelSample
        init(_ spec: ChannelSpec, _ result: ChannelSample) {
            self.spec = spec
            self.result = result
        }
        func sample() -> ChannelSample { result }
        func close() {}
    }

    final class Overflowing: Derivation {
        let channels = [DerivedChannel(id: "derived", quantity: "volume", unit: "m3", source: nil, intervalSeconds: 10)]
        func derive(from tick: [Reading], at time: UnixTime) -> [DerivedValue] {
            [DerivedValue(channel: "derived", time: time, value: MeasuredValue(1, "m3"), sum: MeasuredValue(.infinity, "m3"),
                          method: "test multiplier=1e308")]
        }
    }

    func spec(_ id: ChannelID) -> ChannelSpec {
        ChannelSpec(id: id, driver: .tmp117(I2CDeviceAddress(busRole: "s", busPath: "/dev/i2c-1", address: 0x48)),
                    quantity: .temperature, role: nil, unit: "Cel", interval: Duration(10))
    }

    @Test func aNonFiniteValueIsAFaultOfItsChannelAndTheRestIsPublished() throws {
        let dir = NSTemporaryDirectory() + "nonfinite-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        let samplers = [
            FixedSampler(spec("good"), .value(MeasuredValue(21.5, "Cel"))),
            FixedSampler(spec("inf"), .value(MeasuredValue(.infinity, "Cel"))),
            FixedSampler(spec("nan"), .value(MeasuredValue(.nan, "Cel"))),
            FixedSampler(spec("pulses"), .total(increment: MeasuredValue(.infinity, "l"), total: MeasuredValue(.infinity, "l"),
                                                 pulseTotal: 42, calibrationID: "k-2026")),
        ]
        let site = Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                        board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: [:]), topicPrefix: "sgw",
                        channels: samplers.map(\.spec))
        let wall = UnixTime(milliseconds: 1_790_000_000_000)
        var monotonic: UInt64 = 1_000_000_000
        let loop = SamplingLoop(site: site, samplers: samplers, derivations: [Overflowing()],
                                calibrations: try LiveCalibrations(directory: nil, log: Logger(label: "t")),
                                journal: journal, states: [], log: Logger(label: "t", threshold: .critical),
                                wallClock: { wall }, monotonicNanoseconds: { monotonic })
        monotonic += 10_000_000_000
        loop.tick(now: monotonic)

        let readings = try journal.all().map(\.reading)
        let byChannel = Dictionary(uniqueKeysWithValues: readings.map { ($0.key.channel, $0) })
        #expect(byChannel.count == 5)
        #expect(byChannel["good"]?.value == MeasuredValue(21.5, "Cel"))
        #expect(byChannel["good"]?.quality == .good)
        for id: ChannelID in ["inf", "nan", "pulses", "derived"] {
            let r = try #require(byChannel[id])
            #expect(r.quality == .fault, "\(id)")
            #expect(r.value == nil && r.sum == nil, "\(id)")
            #expect(r.fault?.contains("not a finite number") == true, "\(id): \(r.fault ?? "")")
        }
        #expect(byChannel["pulses"]?.fault?.contains("K-factor record k-2026") == true)
        #expect(byChannel["derived"]?.fault?.contains("multiplier=1e308") == true)

        // The pack carries all five, the good one as a number.
        let pack = String(decoding: SenMLPack.encode(readings), as: UTF8.self)
        #expect(pack.contains(#""n":"good","seq":1,"t":1790000000,"u":"Cel","v":21.5}"#), "\(pack)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(pack.utf8)) as? [[String: Any]])
        #expect(records.count == 5)
        #expect(!pack.contains("null"))
    }

    /// The issue's example was a record with gain 1e308; `check` now refuses that (CalibrationStore's bounds), so
    /// the largest gain it allows meets a sensor value it cannot scale: the product is still not a number.
    @Test func aCalibrationGainThatOverflowsIsAFaultNamingTheRecord() throws {
        let dir = NSTemporaryDirectory() + "nonfinite-cal-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/records", withIntermediateDirectories: true)
        try """
        - id: attic-gain
          channel: attic
          method: linear
          gain: 1000000
          offset: 0
          valid-from: 2026-11-20T10:15:00+09:00
          measured-by: A. Technician
          reference-instrument: reference thermometer

        """.write(toFile: dir + "/records/attic.yaml", atomically: true, encoding: .utf8)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        let samplers = [FixedSampler(spec("attic"), .value(MeasuredValue(1e303, "Cel"))),
                        FixedSampler(spec("cellar"), .value(MeasuredValue(12.25, "Cel")))]
        let site = Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                        board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: [:]), topicPrefix: "sgw",
                        channels: samplers.map(\.spec))
        let wall = UnixTime(milliseconds: 1_796_000_000_000)  // 2026-11-29
        let loop = SamplingLoop(site: site, samplers: samplers, derivations: [],
                                calibrations: try LiveCalibrations(directory: dir + "/records", log: Logger(label: "t")),
                                journal: journal, states: [], log: Logger(label: "t", threshold: .critical),
                                wallClock: { wall }, monotonicNanoseconds: { 10_000_000_000 })
        loop.tick(now: 20_000_000_000)
        let readings = try journal.all().map(\.reading)
        let attic = try #require(readings.first { $0.key.channel == "attic" })
        #expect(attic.quality == .fault && attic.value == nil)
        #expect(attic.calibrationID == "attic-gain")
        #expect(attic.fault?.contains("calibration record attic-gain") == true, "\(attic.fault ?? "")")
        #expect(readings.first { $0.key.channel == "cellar" }?.value == MeasuredValue(12.25, "Cel"))
    }
}
