import GatewayCore
import PropertyBased
import Testing

@Suite struct CalibrationTests {
    @Test func offsetAndLinear() {
        #expect(CalibrationMethod.offset(-120).apply(100_920) == 100_800)
        #expect(CalibrationMethod.linear(gain: 1.02, offset: -0.5).apply(10) == 9.7)
        #expect(CalibrationMethod.offset(0.25).apply(Pascals(100)) == Pascals(100.25))
    }

    @Test func polynomialFromConstantTermUp() {
        let p = CalibrationMethod.polynomial([1, -2, 0.5])  // 1 − 2x + 0.5x²
        #expect(p.apply(4) == 1)
        #expect(p.apply(0) == 1)
        #expect(CalibrationMethod.polynomial([]).apply(3) == 0)
    }

    @Test func kFactorFromBucketTest() throws {
        let k = try KFactor(bucketTest: PulseCount(4520), volume: Litres(20))
        #expect(k.pulsesPerLitre == 226)
        #expect(CalibrationMethod.kFactor(k).apply(452) == 2)
        #expect(k.litres(for: PulseCount(2260)) == Litres(10))
    }

    @Test func kFactorRejections() {
        #expect(throws: CalibrationError.self) { try KFactor(bucketTest: PulseCount(0), volume: Litres(20)) }
        #expect(throws: CalibrationError.self) { try KFactor(bucketTest: PulseCount(10), volume: Litres(0)) }
        #expect(throws: CalibrationError.self) { try KFactor(pulsesPerLitre: -3) }
    }

    @Test func leastSquaresAveragesScatter() throws {
        let points = [CalibrationPoint(raw: 0, reference: 1), CalibrationPoint(raw: 1, reference: 2.9),
                      CalibrationPoint(raw: 2, reference: 5.1), CalibrationPoint(raw: 3, reference: 7)]
        guard case .linear(let gain, let offset) = try CalibrationMethod.leastSquares(points) else {
            Issue.record("least squares gives a line")
            return
        }
        #expect(approximately(gain, 2.02, within: 1e-12))
        #expect(approximately(offset, 0.97, within: 1e-12))
    }

    @Test func leastSquaresRejectsDegeneratePoints() {
        #expect(throws: CalibrationError.degeneratePoints(count: 1)) {
            try CalibrationMethod.leastSquares([CalibrationPoint(raw: 1, reference: 2)])
        }
        #expect(throws: CalibrationError.degeneratePoints(count: 3)) {
            try CalibrationMethod.leastSquares([1, 2, 3].map { CalibrationPoint(raw: 5, reference: $0) })
        }
        #expect(throws: CalibrationError.degeneratePoints(count: 1)) {
            try CalibrationMethod.leastSquares([CalibrationPoint(raw: 1, reference: 2), CalibrationPoint(raw: .nan, reference: 3)])
        }
    }

    @Test func leastSquaresRecoversExactLine() async {
        await propertyCheck(input: Gen.double(in: -50...50), Gen.double(in: -1000...1000),
                            Gen.double(in: -30_000...30_000).array(of: 2...20)) { gain, offset, raws in
            guard Set(raws).count >= 2 else { return }
            let points = raws.map { CalibrationPoint(raw: $0, reference: gain * $0 + offset) }
            guard case .linear(let g, let o) = try CalibrationMethod.leastSquares(points) else {
                Issue.record("least squares gives a line")
                return
            }
            let spread = (raws.max()! - raws.min()!)
            #expect(approximately(g, gain, within: 1e-9 * max(1, abs(gain)) * max(1, 30_000 / spread)))
            #expect(approximately(o, offset, within: 1e-6 * max(1, abs(offset) + abs(gain) * 30_000) * max(1, 30_000 / spread)))
        }
    }
}
