public enum CalibrationError: Error, Hashable, CustomStringConvertible {
    case invalid(String)
    /// Least squares needs at least two distinct raw values; a technician who logged every point at the same
    /// raw reading has not calibrated anything.
    case degeneratePoints(count: Int)

    public var description: String {
        switch self {
        case .invalid(let why): why
        case .degeneratePoints(let n): "calibration needs at least two points with different raw values (got \(n) usable)"
        }
    }
}
