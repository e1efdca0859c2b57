import GatewayCore
import Testing

@Suite struct RegisterDriftTests {
    @Test func aGatewayThatMissedPulsesShowsAPositiveGap() throws {
        let drift = try #require(RegisterDrift.between(unit: "m3", previousRegister: 1200.0, previousTotal: 10.0,
                                                       register: 1250.0, total: 57.5))
        #expect(drift.registerAdvance == 50)
        #expect(drift.gatewayAdvance == 47.5)
        #expect(drift.gap == 2.5)
        #expect(drift.gapFraction == 0.05)
    }

    @Test func aRegisterThatWentBackIsNoDrift() {
        #expect(RegisterDrift.between(unit: "kWh", previousRegister: 500, previousTotal: 0, register: 20, total: 5) == nil)
    }

    @Test func noGatewayTotalIsNoDrift() {
        #expect(RegisterDrift.between(unit: "kWh", previousRegister: 500, previousTotal: nil, register: 520, total: 5) == nil)
        #expect(RegisterDrift.between(unit: "kWh", previousRegister: 500, previousTotal: 1, register: .nan, total: 5) == nil)
    }
}
