import GatewayCore
import Testing
@testable import GatewayRuntime

/// Issue 15: an increment read just after a 30-minute edge was attributed wholly to the new window. Read on the
/// edge (a few milliseconds late), it covers the last interval of the window that closes there.
@Suite struct DemandAttributionTests {
    func reading(_ value: Double, at t: UnixTime) -> Reading {
        Reading(key: ReadingKey(device: "gw", channel: "import", sequence: 1), time: t, value: MeasuredValue(value, "kWh"))
    }

    @Test func theIncrementReadAtTheEdgeClosesTheWindowBeforeIt() {
        let d = DemandDerivation(source: "import", sourceIntervalMilliseconds: 30_000) { _ in .zero }
        let t0 = CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 10, minute: 0)
        let edge = t0.adding(seconds: 1800)
        _ = d.derive(from: [reading(10, at: t0.adding(seconds: 1770.003))], at: t0.adding(seconds: 1770.003))
        // Read 3 ms after 10:30: covers 10:29:30–10:30:00 and completes the window, which closes at once.
        let closed = d.derive(from: [reading(2, at: edge.adding(seconds: 0.003))], at: edge.adding(seconds: 0.003))
        let next = d.derive(from: [reading(7, at: edge.adding(seconds: 30.003))], at: edge.adding(seconds: 30.003))
        #expect(!next.contains { $0.channel == "import-30min" }, "10:00–10:30 is not closed twice")
        let energy = closed.first { $0.channel == "import-30min" }
        #expect(energy?.time == t0)
        #expect(energy?.value == MeasuredValue(12, "kWh"), "10 kWh + the 2 kWh of the window's last interval")
    }
}
