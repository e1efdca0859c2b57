/// Heating degree days Dt₁-t₂: Σ (t₁ − daily mean) over days whose mean is below t₂. Hokkaido's building
/// convention is D18-18; Honshu often uses D14-14. Energy use is normalised by these to compare winters.
public struct DegreeDayConvention: Hashable, Sendable, CustomStringConvertible {
    public var base: DegreesCelsius
    public var threshold: DegreesCelsius

    public init(base: DegreesCelsius, threshold: DegreesCelsius) {
        self.base = base
        self.threshold = threshold
    }

    public static let hokkaido = DegreeDayConvention(base: DegreesCelsius(18), threshold: DegreesCelsius(18))

    public func heatingDegreeDays(dailyMeans: [DegreesCelsius]) -> DegreeDays {
        DegreeDays(dailyMeans.filter { $0 < threshold }.reduce(0) { $0 + (base - $1).value })
    }

    public var description: String { "D\(format(base))-\(format(threshold))" }

    private func format(_ t: DegreesCelsius) -> String {
        t.value == t.value.rounded() ? String(Int(t.value)) : String(t.value)
    }
}
