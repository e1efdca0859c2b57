import GatewayCore

/// What happens to a simulated board during a simulated run, by the true time of the simulation
/// (`sensor-gateway run --simulated-clock … --simulated-sensor-fault … --simulated-clock-error …`):
///
/// - a **sensor fault**: from `from` to `to` a sensor is failed (`SimulatedBoard.setFailed`: an I2C chip stops
///   acknowledging, a 4–20 mA loop opens); its channels' readings in that time are faults, and the ground truth
///   counts the time as truly missing for them.
/// - a **clock error**: at `from` the realtime clock is set wrong by `milliseconds` (as `date -s` or a
///   fake-hwclock restore does, which leaves the kernel's STA_UNSYNC set); at `to` NTP steps it right again and
///   the kernel reports it synchronised. So the realtime clock is stepped once each way.
///
/// - a **paddy season** (`PaddySeason`): a recharge paddy dry until `flooded.from`, flooded from its intake
///   and held at its simulated depth until `flooded.to`, except for drained interruptions inside the season,
///   and drained through its outlet at the end of each flooded span (`PaddyPond`: the water changes the way
///   water does, over hours).
///
/// State changes only at these instants and at those the paddy's pond names (a fill or a drain complete);
/// between them the script is silent.
public struct SimulationScript: Sendable {
    public struct SensorFault: Sendable, Equatable {
        public var channel: String
        public var from: UnixTime
        public var to: UnixTime
        public init(channel: String, from: UnixTime, to: UnixTime) {
            self.channel = channel
            self.from = from
            self.to = to
        }
    }

    public struct ClockError: Sendable, Equatable {
        /// How far the clock reads wrong (negative: behind).
        public var milliseconds: Int64
        public var from: UnixTime
        public var to: UnixTime
        public init(milliseconds: Int64, from: UnixTime, to: UnixTime) {
            self.milliseconds = milliseconds
            self.from = from
            self.to = to
        }
    }

    public var sensorFaults: [SensorFault]
    public var clockErrors: [ClockError]
    /// The paddy's flooding season, if scripted; without one a paddy stays flooded all year.
    public var paddySeason: PaddySeason?

    public init(sensorFaults: [SensorFault] = [], clockErrors: [ClockError] = [], paddySeason: PaddySeason? = nil) {
        self.sensorFaults = sensorFaults
        self.clockErrors = clockErrors
        self.paddySeason = paddySeason
    }

    public var isEmpty: Bool { sensorFaults.isEmpty && clockErrors.isEmpty && paddySeason == nil }

    /// The first instant after true time `t` at which something starts or ends.
    public func nextChange(after t: UnixTime) -> UnixTime? {
        var next: Int64?
        for edge in sensorFaults.flatMap({ [$0.from, $0.to] }) + clockErrors.flatMap({ [$0.from, $0.to] }) + (paddySeason?.edges ?? [])
        where edge.milliseconds > t.milliseconds {
            next = min(next ?? edge.milliseconds, edge.milliseconds)
        }
        return next.map(UnixTime.init(milliseconds:))
    }

    /// The clock's error at true time `t`: the sum of the errors in force.
    public func clockError(at t: UnixTime) -> Int64 {
        clockErrors.filter { $0.from.milliseconds <= t.milliseconds && t.milliseconds < $0.to.milliseconds }
            .reduce(0) { $0 + $1.milliseconds }
    }

    /// Whether `channel`'s sensor is failed at true time `t`.
    public func isFailed(_ channel: String, at t: UnixTime) -> Bool {
        sensorFaults.contains { $0.channel == channel && $0.from.milliseconds <= t.milliseconds && t.milliseconds < $0.to.milliseconds }
    }

    /// The first instant after true time `t` at which something starts or ends, the paddy's pond on `board`
    /// included (its fills and drains complete).
    public func nextChange(after t: UnixTime, on board: SimulatedBoard) -> UnixTime? {
        let pond = board.pond?.changes.first { $0.milliseconds > t.milliseconds }
        guard let scripted = nextChange(after: t) else { return pond }
        guard let pond else { return scripted }
        return pond.milliseconds < scripted.milliseconds ? pond : scripted
    }

    /// Puts `board` and `clock` in the state the script gives for the clock's true time now: sensors failed or
    /// returned, the realtime clock stepped to its error (and the kernel's synchronisation state with it).
    /// Returns the step made, in milliseconds (0 if none).
    @discardableResult
    public func apply(to board: SimulatedBoard, clock: SimulatedTimeBase) -> Int64 {
        let now = clock.trueRealtime()
        for fault in sensorFaults { board.setFailed(fault.channel, isFailed(fault.channel, at: now)) }
        if let paddySeason {
            if board.pond?.season != paddySeason { board.setPaddySeason(paddySeason) }
            board.followPaddy(at: now)
        }
        let step = clockError(at: now) - clock.clockErrorMilliseconds
        if step != 0 { clock.stepRealtime(byMilliseconds: step) }
        clock.kernelSynchronised = clock.clockErrorMilliseconds == 0
        return step
    }
}
