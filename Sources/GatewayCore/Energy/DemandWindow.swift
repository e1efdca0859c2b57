/// A 30-minute demand (デマンド) window, fixed at :00–:30 and :30–:00 JST. Japanese high-voltage contracts
/// price the year's highest window, so the kWh in each window × 2 is the demand in kW.
public struct DemandWindow: Hashable, Sendable {
    public let bucket: TimeBucket

    public init(containing t: UnixTime) { bucket = TimeBucket(.halfHour, containing: t) }

    /// The window after this one.
    public var next: DemandWindow { DemandWindow(containing: bucket.end) }

    /// Whether the window is complete once its meter has been read at `time`: the reading covered everything up
    /// to `time`, and the window's end has passed (`time` is at or after it, or in its last millisecond, the last
    /// instant the board's millisecond clock shows inside it). With aligned sampling (`AlignedSampling`) that is
    /// the reading at the window's end (10:30:00 completes 10:00–10:30), and a clean stop in the last millisecond
    /// (a simulated run stopped at 23:59:59.999) completes it too. A reading earlier in the window leaves it
    /// open: an interval that does not divide 30 minutes ends the window at the first increment of the next.
    public func isComplete(afterReadingAt time: UnixTime) -> Bool {
        time.milliseconds + 1 >= bucket.end.milliseconds
    }

    public static func demand(_ energyInWindow: KilowattHours) -> Kilowatts { Kilowatts(energyInWindow.value * 2) }

    /// Where the window will end if the present power holds: (kWh so far + kW now × minutes left / 60) × 2.
    /// Building managers shed load when this approaches the contract demand.
    public func predictedDemand(energySoFar: KilowattHours, powerNow: Kilowatts, at now: UnixTime) throws(EnergyError) -> Kilowatts {
        guard bucket.contains(now) else { throw .instantOutsideWindow(now) }
        let hoursLeft = Double(bucket.end.milliseconds - now.milliseconds) / 3_600_000
        return Self.demand(energySoFar + KilowattHours(powerNow.value * hoursLeft))
    }
}
