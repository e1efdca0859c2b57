/// Per-sensor consecutive-failure bookkeeping, so one flaky chip is marked failed (and its readings flagged)
/// without the gateway giving up on the whole bus, and so it is welcomed back as soon as it reads again.
///
/// Pure value type: the runtime feeds it outcomes and acts on the returned transitions (log once, set quality
/// flags, publish the error counters), instead of every caller re-deriving "is this sensor down?".
public struct SensorHealth<Sensor: Hashable & Sendable>: Sendable {
    public enum Status: Hashable, Sendable {
        case healthy
        /// Failing, but fewer than `failureThreshold` times in a row: probably a glitch.
        case degraded(consecutiveFailures: Int)
        case failed(consecutiveFailures: Int)
    }

    /// Returned when a sensor crosses the threshold in either direction, exactly once per crossing.
    public enum Transition: Hashable, Sendable {
        case markedFailed(Sensor, lastError: String)
        case recovered(Sensor, afterFailures: Int)
    }

    public struct Record: Hashable, Sendable {
        public internal(set) var consecutiveFailures = 0
        /// Every failure since start, never reset: the error counter published for the technician.
        public internal(set) var totalFailures = 0
        public internal(set) var totalSuccesses = 0
        public internal(set) var lastError: String?
    }

    public let failureThreshold: Int
    public private(set) var records: [Sensor: Record] = [:]

    /// - Parameter failureThreshold: failures in a row before a sensor counts as failed (at least 1).
    public init(failureThreshold: Int) {
        precondition(failureThreshold >= 1, "a sensor needs at least one failure before it can be marked failed")
        self.failureThreshold = failureThreshold
    }

    public func status(of sensor: Sensor) -> Status {
        let failures = records[sensor]?.consecutiveFailures ?? 0
        if failures == 0 { return .healthy }
        return failures >= failureThreshold ? .failed(consecutiveFailures: failures) : .degraded(consecutiveFailures: failures)
    }

    public func record(of sensor: Sensor) -> Record {
        records[sensor] ?? Record()
    }

    public var failedSensors: Set<Sensor> {
        Set(records.filter { $0.value.consecutiveFailures >= failureThreshold }.keys)
    }

    @discardableResult
    public mutating func recordSuccess(_ sensor: Sensor) -> Transition? {
        var record = records[sensor] ?? Record()
        let failuresBefore = record.consecutiveFailures
        record.consecutiveFailures = 0
        record.totalSuccesses += 1
        records[sensor] = record
        return failuresBefore >= failureThreshold ? .recovered(sensor, afterFailures: failuresBefore) : nil
    }

    @discardableResult
    public mutating func recordFailure(_ sensor: Sensor, error: String) -> Transition? {
        var record = records[sensor] ?? Record()
        record.consecutiveFailures += 1
        record.totalFailures += 1
        record.lastError = error
        records[sensor] = record
        return record.consecutiveFailures == failureThreshold ? .markedFailed(sensor, lastError: error) : nil
    }
}
