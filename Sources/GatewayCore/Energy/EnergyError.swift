public enum EnergyError: Error, Hashable, CustomStringConvertible {
    case invalidMeter(String)
    case invalidInterval(Duration)
    /// A site without storage cannot export more than it generated; the meters are swapped or mis-scaled.
    case exportExceedsGeneration(exported: KilowattHours, generated: KilowattHours)
    case noEmissionFactor(supplier: String, fiscalYear: FiscalYear, tableVersion: String)
    case invalidTarget(String)
    case instantOutsideWindow(UnixTime)

    public var description: String {
        switch self {
        case .invalidMeter(let why): why
        case .invalidInterval(let d): "pulse interval \(d) must be positive"
        case .exportExceedsGeneration(let e, let g):
            "export \(e) exceeds generation \(g): check which meter is import and which export, and their multipliers"
        case .noEmissionFactor(let s, let fy, let v): "emission factor table \(v) has no factor for \(s) in \(fy)"
        case .invalidTarget(let why): why
        case .instantOutsideWindow(let t): "\(t) is outside the demand window"
        }
    }
}
