/// A 30-minute demand (デマンド) window, fixed at :00–:30 and :30–:00 JST. Japanese high-voltage contracts
/// price the year's highest window, so the kWh in each window × 2 is the demand in kW.
public struct DemandWindow: Hashable, Sendable {
    public let bucket: TimeBucket

    public init(containing t: UnixTime) { bucket = TimeBucket(.halfHour, containing: t) }

    public static func demand(_ energyInWindow: KilowattHours) -> Kilowatts { Kilowatts(energyInWindow.value * 2) }

    /// Where the window will end if the present power holds: (kWh so far + kW now × minutes left / 60) × 2.
    /// Building managers shed load when this approaches the contract demand.
    public func predictedDemand(energySoFar: KilowattHours, powerNow: Kilowatts, at now: UnixTime) throws(EnergyError) -> Kilowatts {
        guard bucket.contains(now) else { throw .instantOutsideWindow(now) }
        let hoursLeft = Double(bucket.end.milliseconds - now.milliseconds) / 3_600_000
        return Self.demand(energySoFar + KilowattHours(powerNow.value * hoursLeft))
    }
}
