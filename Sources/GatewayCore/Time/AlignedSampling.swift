/// Sampling instants on the wall clock, as Telegraf's `round_interval` does: a totalizer read every `interval`
/// is read at local (JST) midnight plus whole multiples of its interval, so every 30-minute demand window, every
/// day and so every fiscal-year edge (April 1, 00:00 JST) falls on a sampling instant whenever the interval
/// divides the window. An interval that does not divide a day still has an instant at every local midnight
/// (the day's last interval is then shorter), so a fiscal year never shares an increment with the next.
///
/// The increment read at instant t covers (t − interval, t]. It belongs to the window that contains that
/// interval, which is the window containing its middle, t − interval / 2: a reading taken a few milliseconds
/// after the instant it was due at still lands in the right window.
public enum AlignedSampling {
    static let dayMilliseconds: Int64 = 86_400_000

    /// The first sampling instant strictly after `time` for a channel read every `intervalMilliseconds`.
    public static func nextInstant(after time: UnixTime, intervalMilliseconds: Int64,
                                   utcOffsetSeconds: Int = CivilTime.jstOffsetSeconds) -> UnixTime {
        let interval = max(intervalMilliseconds, 1)
        let offset = Int64(utcOffsetSeconds) * 1000
        let local = time.milliseconds + offset
        let next: Int64
        if interval >= dayMilliseconds {
            // A day or more: whole multiples of the interval from the local epoch.
            next = (floorDivide(local, interval) + 1) * interval
        } else {
            // Counted from the start of the local day, so every midnight is an instant.
            let dayStart = floorDivide(local, dayMilliseconds) * dayMilliseconds
            next = min(dayStart + (floorDivide(local - dayStart, interval) + 1) * interval, dayStart + dayMilliseconds)
        }
        return UnixTime(milliseconds: next - offset)
    }

    /// The instant an increment read at `time` (due at an instant `intervalMilliseconds` after the previous one)
    /// is attributed to when cutting windows: the middle of the interval it covers.
    public static func attributionInstant(readAt time: UnixTime, intervalMilliseconds: Int64) -> UnixTime {
        UnixTime(milliseconds: time.milliseconds - max(intervalMilliseconds, 0) / 2)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
