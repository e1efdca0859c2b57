/// Splits the boards into waves: the canary board(s), then a fraction of the fleet, then the rest. A wave
/// starts only when the one before stayed within the failure threshold.
public enum WavePlan {
    public static func waves<T>(_ boards: [T], canary: Int, fraction: Double) -> [[T]] {
        var rest = boards[...]
        var waves: [[T]] = []
        let first = min(max(canary, 0), rest.count)
        if first > 0 { waves.append(Array(rest.prefix(first))); rest = rest.dropFirst(first) }
        let second = min(Int((Double(boards.count) * fraction).rounded(.up)), rest.count)
        if second > 0 { waves.append(Array(rest.prefix(second))); rest = rest.dropFirst(second) }
        if !rest.isEmpty { waves.append(Array(rest)) }
        return waves
    }
}
