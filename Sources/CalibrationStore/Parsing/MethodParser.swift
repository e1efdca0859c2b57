import GatewayCore
import YAMLReader

/// The coefficients of each method, checked for values no real calibration can produce.
enum MethodParser {
    /// The keys each method adds to the common record keys.
    static func keys(for name: RecordMethod.Name) -> [String] {
        switch name {
        case .offset: ["offset"]
        case .linear: ["gain", "offset"]
        case .polynomial: ["coefficients"]
        case .leastSquares: ["points"]
        case .kFactor: ["pulses-per-litre", "pulses", "litres"]
        case .tapeReference: ["tape-depth-m", "sensor-column-m", "measuring-point-height-m",
                              "measuring-point-elevation-m"]
        }
    }

    static func parse(_ name: RecordMethod.Name, _ record: MappingReader) -> RecordMethod? {
        switch name {
        case .offset:
            record.number("offset", required: true).flatMap { offset in
                CoefficientBounds.checkMagnitude(offset, "offset", in: 0...CoefficientBounds.largestMagnitude, record)
                    ? RecordMethod.offset(offset) : nil
            }
        case .linear: linear(record)
        case .polynomial: polynomial(record)
        case .leastSquares: leastSquares(record)
        case .kFactor: kFactor(record)
        case .tapeReference: tapeReference(record)
        }
    }

    private static func linear(_ record: MappingReader) -> RecordMethod? {
        let gain = record.number("gain", required: true)
        let offset = record.number("offset", required: true)
        if gain == 0, let node = record["gain"] {
            record.diagnostics.report(.impossibleCoefficient("gain is 0: every reading would become the offset"),
                                      at: node, path: record.path(of: "gain"))
            return nil
        }
        let plausibleGain = CoefficientBounds.checkMagnitude(gain, "gain", in: CoefficientBounds.gainMagnitude, record)
        let plausibleOffset = CoefficientBounds.checkMagnitude(offset, "offset",
                                                               in: 0...CoefficientBounds.largestMagnitude, record)
        guard let gain, let offset, plausibleGain, plausibleOffset else { return nil }
        return .linear(gain: gain, offset: offset)
    }

    private static func polynomial(_ record: MappingReader) -> RecordMethod? {
        guard let items = record.list("coefficients") else { return nil }
        let path = record.path(of: "coefficients")
        let listNode = record["coefficients"]
        guard items.count <= 6 else {
            record.diagnostics.report(.polynomialDegreeTooHigh(degree: items.count - 1), at: listNode, path: path)
            return nil
        }
        let numbers = items.enumerated().map { i, item in
            MappingReader.number(item, path: "\(path)[\(i)]", diagnostics: record.diagnostics)
        }
        let coefficients = numbers.compactMap { $0 }
        guard coefficients.count == items.count else { return nil }
        var plausible = true
        for (i, c) in coefficients.enumerated() {
            plausible = CoefficientBounds.checkMagnitude(c, "c\(i)", in: 0...CoefficientBounds.largestMagnitude, record,
                                                         path: "\(path)[\(i)]", at: items[i]) && plausible
        }
        guard plausible else { return nil }
        guard coefficients.dropFirst().contains(where: { $0 != 0 }) else {
            record.diagnostics.report(.impossibleCoefficient(
                "needs c0 and at least one non-zero higher coefficient: a constant ignores the sensor"),
                at: listNode, path: path)
            return nil
        }
        return .polynomial(coefficients: coefficients)
    }

    private static func leastSquares(_ record: MappingReader) -> RecordMethod? {
        guard let items = record.list("points") else { return nil }
        let path = record.path(of: "points")
        var points: [(CalibrationPoint, YAMLNode)] = []
        for (i, item) in items.enumerated() {
            guard let reader = MappingReader(item, path: "\(path)[\(i)]", diagnostics: record.diagnostics,
                                             problem: .wrongType(expected: "a point {raw, reference}",
                                                                 found: NodeKind.describe(item))) else { continue }
            reader.rejectUnknownKeys(allowed: ["raw", "reference"])
            let raw = reader.number("raw", required: true)
            let reference = reader.number("reference", required: true)
            let bound = 0...CoefficientBounds.largestMagnitude
            let plausible = CoefficientBounds.checkMagnitude(raw, "raw", in: bound, reader)
                && CoefficientBounds.checkMagnitude(reference, "reference", in: bound, reader)
            if let raw, let reference, plausible {
                points.append((CalibrationPoint(raw: raw, reference: reference), item))
            }
        }
        guard points.count == items.count else { return nil }
        return checkedLine(points, record: record, path: path)
    }

    private static func checkedLine(_ points: [(CalibrationPoint, YAMLNode)], record: MappingReader,
                                    path: String) -> RecordMethod? {
        let listNode = record["points"]
        guard points.count >= 2 else {
            record.diagnostics.report(.tooFewPoints(count: points.count), at: listNode, path: path)
            return nil
        }
        let first = points[0].0
        if points.allSatisfy({ $0.0.raw == first.raw }) {
            record.diagnostics.report(.allPointsSameRaw(raw: first.raw), at: listNode, path: path)
            return nil
        }
        var ordered = true
        for i in 1..<points.count {
            let (previous, (point, node)) = (points[i - 1].0, points[i])
            if point.raw == previous.raw {
                record.diagnostics.report(.duplicatePoint(raw: point.raw), at: node, path: "\(path)[\(i)].raw")
                ordered = false
            } else if point.raw < previous.raw {
                record.diagnostics.report(.pointsNotSorted(previousRaw: previous.raw, raw: point.raw), at: node,
                                          path: "\(path)[\(i)].raw")
                ordered = false
            }
        }
        guard ordered, let fit = LinearFit(points.map { $0.0 }) else { return nil }
        guard fit.gain != 0 else {
            record.diagnostics.report(.impossibleCoefficient(
                "the fitted gain is 0: the reference did not change while the raw reading did"),
                at: listNode, path: path)
            return nil
        }
        guard CoefficientBounds.checkMagnitude(fit.gain, "the fitted gain", in: CoefficientBounds.gainMagnitude,
                                               record, path: path, at: listNode) else { return nil }
        return .leastSquares(points: points.map { $0.0 }, fit: fit)
    }

    private static func kFactor(_ record: MappingReader) -> RecordMethod? {
        let k = record.number("pulses-per-litre", required: true)
        let pulses = record.integer("pulses", required: false)
        let litres = record.number("litres", required: false)
        var valid = k != nil
        if let k, k <= 0, let node = record["pulses-per-litre"] {
            record.diagnostics.report(.impossibleCoefficient("pulses-per-litre must be above 0, found \(k)"),
                                      at: node, path: record.path(of: "pulses-per-litre"))
            valid = false
        }
        if let k, k > 0, !CoefficientBounds.check(k, "pulses-per-litre", in: CoefficientBounds.pulsesPerLitre, record) {
            valid = false
        }
        if let pulses, pulses > CoefficientBounds.mostBucketPulses {
            valid = CoefficientBounds.check(Double(pulses), "pulses", in: 1...Double(CoefficientBounds.mostBucketPulses), record)
                && valid
        }
        if let litres, litres > CoefficientBounds.mostBucketLitres {
            valid = CoefficientBounds.check(litres, "litres", in: 0...CoefficientBounds.mostBucketLitres, record) && valid
        }
        if let pulses, pulses <= 0, let node = record["pulses"] {
            record.diagnostics.report(.impossibleCoefficient("a bucket test counts at least 1 pulse, found \(pulses)"),
                                      at: node, path: record.path(of: "pulses"))
            valid = false
        }
        if let litres, litres <= 0, let node = record["litres"] {
            record.diagnostics.report(.impossibleCoefficient("a bucket test fills more than 0 litres, found \(litres)"),
                                      at: node, path: record.path(of: "litres"))
            valid = false
        }
        let hasPulses = record["pulses"] != nil, hasLitres = record["litres"] != nil
        if hasPulses != hasLitres {
            record.diagnostics.report(.bucketTestIncomplete(missing: hasPulses ? "litres" : "pulses"),
                                      at: record["pulses"] ?? record["litres"], path: record.path)
            valid = false
        }
        guard valid, let k else { return nil }
        guard let pulses, let litres else { return .kFactor(KFactorRecord(pulsesPerLitre: k)) }
        let test = KFactorRecord.BucketTest(pulses: PulseCount(Double(pulses)), litres: Litres(litres))
        // A typo in either figure shows as disagreement; 5 % allows a K rounded to a catalogue value.
        guard abs(test.pulsesPerLitre - k) <= 0.05 * k else {
            record.diagnostics.report(.bucketTestDisagrees(measured: test.pulsesPerLitre, stated: k),
                                      at: record["pulses-per-litre"], path: record.path(of: "pulses-per-litre"))
            return nil
        }
        return .kFactor(KFactorRecord(pulsesPerLitre: k, bucketTest: test))
    }

    private static func tapeReference(_ record: MappingReader) -> RecordMethod? {
        let tape = record.number("tape-depth-m", required: true)
        let column = record.number("sensor-column-m", required: true)
        let height = record.number("measuring-point-height-m", required: false)
        let elevation = record.number("measuring-point-elevation-m", required: false)
        var valid = true
        if let tape, tape <= 0, let node = record["tape-depth-m"] {
            record.diagnostics.report(.impossibleCoefficient(
                "tape-depth-m must be above 0 (depth below the measuring point), found \(tape)"),
                at: node, path: record.path(of: "tape-depth-m"))
            valid = false
        }
        if let column, column <= 0, let node = record["sensor-column-m"] {
            record.diagnostics.report(.impossibleCoefficient(
                "sensor-column-m must be above 0: a sensor out of the water cannot be referenced, found \(column)"),
                at: node, path: record.path(of: "sensor-column-m"))
            valid = false
        }
        for (value, key) in [(tape, "tape-depth-m"), (column, "sensor-column-m")] {
            if let value, value > 0 {
                valid = CoefficientBounds.check(value, key, in: 0...CoefficientBounds.deepestMetres, record) && valid
            }
        }
        valid = CoefficientBounds.check(height, "measuring-point-height-m",
                                        in: CoefficientBounds.measuringPointHeightMetres, record) && valid
        valid = CoefficientBounds.check(elevation, "measuring-point-elevation-m",
                                        in: CoefficientBounds.elevationMetres, record) && valid
        guard valid, let tape, let column,
              (record["measuring-point-height-m"] == nil) == (height == nil),
              (record["measuring-point-elevation-m"] == nil) == (elevation == nil) else { return nil }
        return .tapeReference(TapeReferenceRecord(tapeDepth: Metres(tape), sensorColumn: Metres(column),
                                            measuringPointHeight: height.map(Metres.init),
                                            measuringPointElevation: elevation.map(Metres.init)))
    }
}
