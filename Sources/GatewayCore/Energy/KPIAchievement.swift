/// Which way a KPI should move. Recharge and renewables should rise; CO₂ and energy use should fall.
public enum KPIDirection: String, Hashable, Sendable {
    case higherIsBetter = "higher-is-better"
    case lowerIsBetter = "lower-is-better"
}

/// A KPI's baseline and target, each with the fiscal year it belongs to, as the city's plan states them.
public struct KPITarget<Unit: PhysicalUnit>: Hashable, Sendable {
    public var baseline: Quantity<Unit>
    public var baselineYear: FiscalYear
    public var target: Quantity<Unit>
    public var targetYear: FiscalYear
    public var direction: KPIDirection

    public init(baseline: Quantity<Unit>, baselineYear: FiscalYear, target: Quantity<Unit>, targetYear: FiscalYear,
                direction: KPIDirection) throws(EnergyError) {
        let improves = direction == .higherIsBetter ? target > baseline : target < baseline
        guard improves else {
            throw .invalidTarget("target \(target) does not improve on baseline \(baseline) when \(direction.rawValue)")
        }
        guard targetYear > baselineYear else { throw .invalidTarget("target year \(targetYear) is not after baseline year \(baselineYear)") }
        self.baseline = baseline
        self.baselineYear = baselineYear
        self.target = target
        self.targetYear = targetYear
        self.direction = direction
    }

    /// Achievement as Kumamoto prints it: (current − baseline) / (target − baseline). Negative when the KPI
    /// moved the wrong way, above 1 when the target was beaten; the direction is already in the sign of the
    /// denominator.
    public func achievement(_ current: Quantity<Unit>) -> KPIAchievement {
        KPIAchievement(ratio: (current - baseline) / (target - baseline))
    }
}

public struct KPIAchievement: Hashable, Sendable {
    public var ratio: Double
    /// Whole percent as printed in progress sheets (−1.666 → −167).
    public var percent: Int { Int((ratio * 100).rounded()) }
    public var isMet: Bool { ratio >= 1 }
}
