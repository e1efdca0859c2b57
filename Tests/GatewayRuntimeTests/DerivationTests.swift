import GatewayCore
import Testing
@testable import GatewayRuntime

@Suite struct DerivationTests {
    func reading(_ channel: ChannelID, _ value: Double, _ unit: String, at t: UnixTime, sum: Double? = nil) -> Reading {
        Reading(key: ReadingKey(device: "gw", channel: channel, sequence: 1), time: t,
                value: MeasuredValue(value, unit), sum: sum.map { MeasuredValue($0, unit) })
    }

    @Test func demandWindowClosesWithKWhAndTwiceThatInKW() {
        let d = DemandDerivation(source: "import") { _ in .zero }
        let t0 = CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 10, minute: 0)
        // 120 kWh in the 10:00–10:30 window: 40 at 10:10, 50 at 10:20, 30 at 10:29.
        _ = d.derive(from: [reading("import", 40, "kWh", at: t0.adding(seconds: 600))], at: t0.adding(seconds: 600))
        let mid = d.derive(from: [reading("import", 50, "kWh", at: t0.adding(seconds: 1200))], at: t0.adding(seconds: 1200))
        // Predicted at 10:20: (90 kWh + 300 kW × 10/60 h) × 2 = 280 kW.
        #expect(mid.count == 1)
        #expect(abs(mid[0].value.value - 280) < 1e-9)
        #expect(mid[0].channel == "import-demand-predicted")
        _ = d.derive(from: [reading("import", 30, "kWh", at: t0.adding(seconds: 1740))], at: t0.adding(seconds: 1740))
        let closed = d.derive(from: [reading("import", 5, "kWh", at: t0.adding(seconds: 1810))], at: t0.adding(seconds: 1810))
        let energy = closed.first { $0.channel == "import-30min" }
        let demand = closed.first { $0.channel == "import-demand" }
        #expect(energy?.value == MeasuredValue(120, "kWh"))
        #expect(demand?.value == MeasuredValue(240, "kW"))
        #expect(energy?.time == t0)
        #expect(demand?.method.contains("window=2026-11-22T10:00+09:00") == true)
    }

    @Test func aRestartMidWindowReseedsFromTheJournal() {
        let t0 = CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 10, minute: 30)
        let d = DemandDerivation(source: "import") { bucket in
            bucket.start == t0 ? KilowattHours(70) : .zero
        }
        _ = d.derive(from: [reading("import", 10, "kWh", at: t0.adding(seconds: 900))], at: t0.adding(seconds: 900))
        let closed = d.derive(from: [reading("import", 1, "kWh", at: t0.adding(seconds: 1801))], at: t0.adding(seconds: 1801))
        #expect(closed.first { $0.channel == "import-30min" }?.value == MeasuredValue(80, "kWh"))
    }

    @Test func wellDepthFromTheBriefsTapeVector() {
        let spec = ChannelSpec(id: "water-column", driver: .tmp117(I2CDeviceAddress(busRole: "s", busPath: "/dev/i2c-1", address: 0x48)),
                               quantity: .waterLevel, role: .wellLevel, unit: "m", interval: Duration(60))
        let d = WellDepthDerivation(source: spec) { _ in
            (Metres(12.340), Metres(7.00664), Metres(0.450), Metres(35.250), "tape-1")
        }
        let t = UnixTime(milliseconds: 1_790_000_000_000)
        let out = d.derive(from: [reading("water-column", 6.50653, "m", at: t)], at: t)
        let byID = Dictionary(uniqueKeysWithValues: out.map { ($0.channel, $0.value.value) })
        #expect(abs(byID["depth-below-mp"]! - 12.84011) < 1e-9)
        #expect(abs(byID["depth-below-land"]! - 12.39011) < 1e-9)
        #expect(abs(byID["groundwater-elevation"]! - 22.40989) < 1e-9)
        #expect(out.allSatisfy { $0.method.contains("tape-reference id=tape-1") })
    }

    @Test func noTapeReferenceMeansNoDepth() {
        let spec = ChannelSpec(id: "water-column", driver: .tmp117(I2CDeviceAddress(busRole: "s", busPath: "/dev/i2c-1", address: 0x48)),
                               quantity: .waterLevel, role: .wellLevel, unit: "m", interval: Duration(60))
        let d = WellDepthDerivation(source: spec) { _ in nil }
        let t = UnixTime(milliseconds: 1_790_000_000_000)
        #expect(d.derive(from: [reading("water-column", 6.5, "m", at: t)], at: t).isEmpty)
    }

    @Test func paddyWaterBalancePerInterval() {
        let site = PaddySiteFixture.site(meterIntervalSeconds: 3600, levelIntervalSeconds: 3600, outflowUnit: "l")
        let settings = PaddyRechargeSettings(area: SquareMetres(10_000), evaporationPerDay: Millimetres(4),
                                             minimumFloodedDepth: Metres(0.02))
        let d = PaddyRechargeDerivation(site: site, settings: settings, previousTotal: CubicMetres(100))
        let t0 = UnixTime(milliseconds: 1_790_000_000_000)
        let first = d.derive(from: [reading("in", 50, "m3", at: t0), reading("out", 10_000, "l", at: t0),
                                    reading("level", 0.050, "m", at: t0)], at: t0)
        // First interval: metered volumes only (no start level, no elapsed time): 50 − 10 = 40 m³.
        #expect(first.first?.value == MeasuredValue(40, "m3"))
        #expect(first.first?.sum == MeasuredValue(140, "m3"))
        // A quarter day later: 30 in, 5 out, 1 mm evaporated, level +2 mm over 1 ha → 25 − 10 − 20 = −5 m³.
        let t1 = t0.adding(seconds: 21_600)
        let second = d.derive(from: [reading("in", 30, "m3", at: t1), reading("out", 5000, "l", at: t1),
                                     reading("level", 0.052, "m", at: t1)], at: t1)
        #expect(abs(second[0].value.value - (-5)) < 1e-9)
        #expect(abs(second[0].sum!.value - 135) < 1e-9)
        #expect(second[0].method.contains("area=10000.0 m2"))
        // Drained below the minimum: no evaporation is charged.
        let t2 = t1.adding(seconds: 21_600)
        let dry = d.derive(from: [reading("in", 0, "m3", at: t2), reading("out", 0, "l", at: t2),
                                  reading("level", 0.010, "m", at: t2)], at: t2)
        #expect(abs(dry[0].value.value - 420) < 1e-9)  // −(10 − 52) mm × 1 ha = 420 m³ seeped
        #expect(dry[0].method.contains("flooded=false"))
    }
}
