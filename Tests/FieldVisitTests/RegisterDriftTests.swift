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

/// Issue 15: a meter's register wraps at its digits. Visit drift across the wrap is the true advance (99,990 →
/// 00,012 is +22, not −99,978); a change no counting explains is a meter replaced or reset, flagged, never taken.
@Suite struct RegisterWrapTests {
    let fiveDigits = MeterRegister(digits: 5, mostPerHour: 25)

    @Test func driftAcrossTheWrapIsTheTrueAdvance() throws {
        let drift = try #require(RegisterDrift.between(unit: "m3", previousRegister: 99_990, previousTotal: 1000,
                                                       register: 12, total: 1020, meter: fiveDigits, hours: 24))
        #expect(drift.registerAdvance == 22)
        #expect(drift.wrapped)
        #expect(drift.gap == 2, "2 m³ the gateway did not count")
    }

    @Test func withoutAWrapNothingChanges() throws {
        let drift = try #require(RegisterDrift.between(unit: "m3", previousRegister: 1200, previousTotal: 10,
                                                       register: 1250, total: 57.5, meter: fiveDigits, hours: 24))
        #expect(drift.registerAdvance == 50 && !drift.wrapped && drift.gap == 2.5)
    }

    @Test func moreThanTheMeterCouldCountIsAMeterReplaced() {
        // 40,000 → 5 would be 60,005 m³ in a day; the meter passes at most 25 m³ an hour (600 a day).
        #expect(RegisterDrift.comparing(unit: "m3", previousRegister: 40_000, previousTotal: 0, register: 5, total: 300,
                                        meter: fiveDigits, hours: 24)
                == .meterReplaced(previous: 40_000, current: 5, limit: 600))
        // Forward by more than it can count, too: a new meter that started higher.
        #expect(RegisterDrift.comparing(unit: "m3", previousRegister: 100, previousTotal: 0, register: 9_000, total: 300,
                                        meter: fiveDigits, hours: 24)
                == .meterReplaced(previous: 100, current: 9_000, limit: 600))
    }

    @Test func aReadingTheRegisterCannotShowIsAMeterReplaced() {
        #expect(RegisterDrift.comparing(unit: "m3", previousRegister: 99_990, previousTotal: 0, register: 100_012, total: 22,
                                        meter: fiveDigits, hours: 24)
                == .meterReplaced(previous: 99_990, current: 100_012, limit: 600))
    }

    @Test func aRegisterWithoutDeclaredDigitsThatWentBackIsFlagged() {
        #expect(RegisterDrift.comparing(unit: "kWh", previousRegister: 500, previousTotal: 0, register: 20, total: 5)
                == .meterReplaced(previous: 500, current: 20, limit: nil))
    }

    @Test func theWrapOfSixDigitsOfKWh() throws {
        let six = MeterRegister(digits: 6, mostPerHour: 500)
        #expect(six.modulus == 1_000_000)
        let drift = try #require(RegisterDrift.between(unit: "kWh", previousRegister: 999_950, previousTotal: 0,
                                                       register: 30, total: 80, meter: six, hours: 1))
        #expect(drift.registerAdvance == 80 && drift.gap == 0)
    }
}
