/// A meter's own register: the mechanical drums or LCD digits the technician reads at a visit (5 digits of m³
/// on a water meter, 6 of kWh on an energy meter), counting in the channel's unit. It wraps to zero after
/// 10^digits − 1, so 99,990 → 00,012 is an advance of 22. Declared per meter channel in the site file
/// (`register: { digits: 5, most-per-hour: 25 }`); `mostPerHour` is the most the meter can count in an hour
/// (a water meter's overload flow Q4 in m³/h, an energy meter's kW at its maximum current), which bounds what
/// it can have counted between two visits: a reading that would need more is a meter replaced or reset.
public struct MeterRegister: Hashable, Sendable {
    public static let digitRange = 1...12
    public var digits: Int
    public var mostPerHour: Double

    public init(digits: Int, mostPerHour: Double) {
        self.digits = digits
        self.mostPerHour = mostPerHour
    }

    /// Where the register wraps: one more than the largest reading it shows.
    public var modulus: Double { Double(CounterModulus.digits(digits).largestReading) + 1 }

    /// The most the meter can count in `hours`.
    public func mostAdvance(inHours hours: Double) -> Double { mostPerHour * max(hours, 0) }

    /// How far the register advanced from `previous` to `current` over `hours`, across a wrap when it went
    /// back; nil when no counting can explain it (a reading the register cannot show, or more than the meter
    /// can count in the time).
    /// The rule is the pulse counters' (`CounterModulus.advance`), on readings with a fraction.
    public func advance(from previous: Double, to current: Double, hours: Double) -> (advance: Double, wrapped: Bool)? {
        guard case .counted(let advance, let wrapped) = CounterModulus.digits(digits)
            .advance(from: previous, to: current, mostPossible: mostAdvance(inHours: hours)) else { return nil }
        return (advance, wrapped)
    }
}
