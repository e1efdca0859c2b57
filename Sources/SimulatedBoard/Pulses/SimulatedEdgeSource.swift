import BoardIO
import GatewayCore
import Platform

/// A GPIO line playing a `PulseProfile` against a clock: each wait returns the edges whose time has come,
/// stamped with their exact scripted times as the kernel stamps real ones.
public final class SimulatedEdgeSource: EdgeEventSource {
    public let line: GPIOLineAddress
    public private(set) var profile: PulseProfile
    private let clock: any SimulationClock
    private let detect: EdgeDetection
    private var nextPulse = 0
    private var scheduled: [EdgeEvent] = []
    private var closed = false
    private let onClose: () -> Void
    /// The train the meter plays now, when it changes while the line is read (a paddy's meters, `MeterTrain`);
    /// nil for a meter that always plays `profile`.
    private let train: MeterTrain?
    private var trainVersion = 0

    public init(line: GPIOLineAddress, profile: PulseProfile, clock: any SimulationClock,
                detect: EdgeDetection = .both, train: MeterTrain? = nil, onClose: @escaping () -> Void = {}) {
        self.line = line
        self.train = train
        self.profile = train?.profile ?? profile
        self.clock = clock
        self.detect = detect
        self.onClose = onClose
        clock.readerJoined()
    }

    public func waitForEvents(timeoutMilliseconds: Int) throws(GPIOError) -> [EdgeEvent] {
        guard !closed else { throw GPIOError(line: line, operation: "wait for edges", reason: "line was released") }
        let now = clock.nowNanoseconds()
        let due = takeDue(by: now)
        guard due.isEmpty, timeoutMilliseconds > 0 else { return due }
        let deadline = now + UInt64(timeoutMilliseconds) * 1_000_000
        let wake = min(deadline, nextEventTime() ?? deadline)
        clock.sleep(untilNanoseconds: wake)
        return takeDue(by: clock.nowNanoseconds())
    }

    public func close() {
        guard !closed else { return }
        closed = true
        clock.readerLeft()
        onClose()
    }

    private func takeDue(by time: UInt64) -> [EdgeEvent] {
        schedule(through: time)
        let count = scheduled.prefix { $0.timestampNanoseconds <= time }.count
        let due = scheduled.prefix(count)
        scheduled.removeFirst(count)
        return Array(due)
    }

    private func nextEventTime() -> UInt64? {
        followTrain()
        if scheduled.isEmpty, let start = profile.start(ofPulse: nextPulse) { schedule(through: start) }
        return scheduled.first?.timestampNanoseconds
    }

    /// Generates pulses lazily, up to the first one starting after `time`, keeping only the edges the line
    /// was requested to detect so a wait wakes for an edge it will deliver.
    private func schedule(through time: UInt64) {
        followTrain()
        // Locals in the loop: a day of a fast meter is hundreds of thousands of pulses, and each access to a
        // class's stored `var` is checked for exclusivity.
        let profile = self.profile
        var pulse = nextPulse
        var edges: [EdgeEvent] = []
        while let start = profile.start(ofPulse: pulse), start <= time {
            edges += profile.edges(ofPulse: pulse).filter(wanted)
            pulse += 1
        }
        nextPulse = pulse
        scheduled += edges
    }

    /// Takes up the meter's new train, if the board has set one since the last look.
    private func followTrain() {
        guard let now = train?.now, now.version != trainVersion else { return }
        trainVersion = now.version
        profile = now.profile
        nextPulse = 0
    }

    private func wanted(_ event: EdgeEvent) -> Bool {
        switch detect {
        case .both: true
        case .rising: event.kind == .rising
        case .falling: event.kind == .falling
        }
    }
}
