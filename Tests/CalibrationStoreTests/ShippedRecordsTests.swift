import CalibrationStore
import GatewayCore
import Testing

@Suite struct ShippedRecordsTests {
    @Test func everySiteFolderLoads() throws {
        #expect(ShippedCalibration.siteFolders.count == 3)
        for folder in ShippedCalibration.siteFolders {
            let errors = loadErrors(folder)
            #expect(errors.isEmpty, "\(folder): \(errors)")
        }
    }

    @Test func idsAreUniqueAcrossSites() throws {
        let ids = try ShippedCalibration.siteFolders.flatMap { try CalibrationStore.load(directory: $0).records.map(\.id) }
        #expect(Set(ids).count == ids.count)
    }

    @Test func wellSevenKeepsBothItsCorrectionAndItsTapeReference() throws {
        let store = try CalibrationStore.load(directory: ShippedCalibration.site("kumamoto-well-07"))
        let now = CivilTime.jstInstant(year: 2026, month: 11, day: 1)
        let correction = try #require(store.current(channel: "water-column", at: now, purpose: .valueCorrection))
        #expect(correction.method == .linear(gain: 1.0012, offset: -0.004))
        let datum = try #require(store.current(channel: "water-column", at: now, purpose: .waterLevelDatum))
        guard case let .tapeReference(tape) = datum.method else {
            Issue.record("expected a tape reference, got \(datum.method)")
            return
        }
        // Field brief vector: tape 12.340 m with h₀ = 7.00664 m puts the sensor at 19.34664 m.
        #expect(abs(tape.sensorDepth.value - 19.34664) < 1e-9)
        #expect(tape.measuringPointHeight == Metres(0.450))
        #expect(tape.measuringPointElevation == Metres(35.250))
    }

    @Test func paddyFlowMetersCountTenLitresPerPulse() throws {
        let store = try CalibrationStore.load(directory: ShippedCalibration.site("kumamoto-paddy-01"))
        let now = CivilTime.jstInstant(year: 2026, month: 6, day: 1)
        for channel: ChannelID in ["inflow", "outflow"] {
            let record = try #require(store.current(channel: channel, at: now, purpose: .pulseScale))
            guard case let .kFactor(k) = record.method else {
                Issue.record("\(channel): expected a k-factor, got \(record.method)")
                continue
            }
            // Field brief vector: 0.1 pulse/L, 1,234 pulses → 12.34 m³.
            #expect(abs(k.volume(of: PulseCount(1234)).cubicMetres.value - 12.34) < 1e-9)
        }
    }

    @Test func cityHallTemperatureReadsThreeTenthsHigh() throws {
        let store = try CalibrationStore.load(directory: ShippedCalibration.site("sapporo-cityhall"))
        let record = try #require(store.record(id: "cityhall-indoor-temp-2026-10-01"))
        let corrected = try #require(record.apply(21.8))
        #expect(abs(corrected - 21.5) < 1e-12)
    }
}
