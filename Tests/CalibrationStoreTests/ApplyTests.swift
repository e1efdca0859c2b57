import CalibrationStore
import GatewayCore
import Testing

@Suite struct ApplyTests {
    private func record(_ method: RecordMethod) -> CalibrationRecord {
        CalibrationRecord(id: "t", channel: "x", method: method, validFrom: UnixTime(milliseconds: 0),
                          measuredBy: "m", referenceInstrument: "r")
    }

    @Test func offsetAdds() {
        #expect(record(.offset(-0.3)).apply(21.8).map { abs($0 - 21.5) < 1e-12 } == true)
    }

    @Test func linearScalesThenAdds() {
        #expect(record(.linear(gain: 2, offset: 1)).apply(3) == 7)
    }

    @Test func polynomialAddsEveryPower() {
        // 1 + 2·2 + 3·4 + 4·8 = 49
        #expect(record(.polynomial(coefficients: [1, 2, 3, 4])).apply(2) == 49)
        #expect(record(.polynomial(coefficients: [0.5, 1])).apply(-1) == -0.5)
    }

    @Test func leastSquaresUsesTheFittedLine() throws {
        let points = [CalibrationPoint(raw: 0, reference: 1), CalibrationPoint(raw: 1, reference: 3.1),
                      CalibrationPoint(raw: 2, reference: 4.9), CalibrationPoint(raw: 3, reference: 7)]
        let fit = try #require(LinearFit(points))
        // Σ(x−x̄)(y−ȳ) = 9.9, Σ(x−x̄)² = 5 → gain 1.98, offset 4 − 1.98·1.5 = 1.03.
        #expect(abs(fit.gain - 1.98) < 1e-12)
        #expect(abs(fit.offset - 1.03) < 1e-12)
        let corrected = try #require(record(.leastSquares(points: points, fit: fit)).apply(10))
        #expect(abs(corrected - 20.83) < 1e-12)
    }

    @Test func aFitThroughExactPointsReproducesThem() throws {
        let points = [CalibrationPoint(raw: 4800, reference: 4), CalibrationPoint(raw: 24000, reference: 20)]
        let fit = try #require(LinearFit(points))
        #expect(abs(fit.gain * 14400 + fit.offset - 12) < 1e-9)
    }

    @Test func noLineThroughOneRaw() {
        #expect(LinearFit([CalibrationPoint(raw: 2, reference: 1), CalibrationPoint(raw: 2, reference: 3)]) == nil)
        #expect(LinearFit([CalibrationPoint(raw: 2, reference: 1)]) == nil)
    }

    @Test func pulseAndDatumRecordsDoNotTransformValues() {
        #expect(record(.kFactor(KFactorRecord(pulsesPerLitre: 0.1))).apply(5) == nil)
        #expect(record(.tapeReference(TapeReferenceRecord(tapeDepth: Metres(12.34), sensorColumn: Metres(7)))).apply(5) == nil)
    }

    @Test func kFactorTurnsPulsesIntoLitres() {
        #expect(KFactorRecord(pulsesPerLitre: 0.1).volume(of: PulseCount(1234)).value.rounded() == 12_340)
    }
}
