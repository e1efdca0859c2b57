import GatewayCore
/// How a record calibrates its sensor, with the coefficients that method needs.
public enum RecordMethod: Hashable, Sendable {
    case offset(Double)
    case linear(gain: Double, offset: Double)
    /// c0 + c1·x + … + c5·x⁵; at most six coefficients.
    case polynomial(coefficients: [Double])
    /// Reference readings against raw readings; the line through them is fitted when the record is made.
    case leastSquares(points: [CalibrationPoint], fit: LinearFit)
    case kFactor(KFactorRecord)
    case tapeReference(TapeReferenceRecord)

    /// The `method:` word in calibration files.
    public enum Name: String, Hashable, Sendable, CaseIterable {
        case offset, linear, polynomial
        case leastSquares = "least-squares"
        case kFactor = "k-factor"
        case tapeReference = "tape-reference"
    }

    public var name: Name {
        switch self {
        case .offset: .offset
        case .linear: .linear
        case .polynomial: .polynomial
        case .leastSquares: .leastSquares
        case .kFactor: .kFactor
        case .tapeReference: .tapeReference
        }
    }

    public var purpose: CalibrationPurpose {
        switch self {
        case .offset, .linear, .polynomial, .leastSquares: .valueCorrection
        case .kFactor: .pulseScale
        case .tapeReference: .waterLevelDatum
        }
    }

    /// The raw-to-corrected transform, for the methods that have one.
    public var correction: ValueCorrection? {
        switch self {
        case let .offset(offset): ValueCorrection(coefficients: [offset, 1])
        case let .linear(gain, offset): ValueCorrection(coefficients: [offset, gain])
        case let .polynomial(coefficients): ValueCorrection(coefficients: coefficients)
        case let .leastSquares(_, fit): ValueCorrection(coefficients: [fit.offset, fit.gain])
        case .kFactor, .tapeReference: nil
        }
    }
}
