import BoardIO
import BoardLog
import FieldText
import GatewayCore
import Journal
import Platform
import Synchronization

/// Samples every channel on its own interval, measured on the monotonic clock, and commits each tick's
/// readings to the journal in one transaction before anything is offered to MQTT. Totalizers (pulse channels)
/// are read on wall-clock multiples of their interval (`AlignedSampling`), so window and fiscal-year edges fall
/// on their sampling instants.
final class SamplingLoop {
    private let site: Site
    private let samplers: [ChannelSampler]
    private let derivations: [Derivation]
    private let calibrations: LiveCalibrations
    private let journal: ReadingJournal
    private let log: Logger
    private let wallClock: () -> UnixTime
    private let monotonicNanoseconds: () -> UInt64
    private var nextDue: [UInt64]
    private var lastSequence: [ChannelID: UInt64] = [:]
    /// Each pulse channel's total at its last recorded reading: the next increment counts from it.
    private var pulseTotals: [ChannelID: UInt64] = [:]
    /// Each pulse channel's total in its unit at its last recorded reading (`MeteredTotal`).
    private var meteredTotals: [ChannelID: Double] = [:]
    private var checkpoints: PulseCheckpoints
    /// Each pulse channel's debounce-rejected pulses already added to its journal counter (`watch` reads it).
    private var journaledRejections: [ChannelID: UInt64] = [:]
    /// A sensor is reported failed after three faults in a row, so a single glitch does not flap the status.
    private var health = SensorHealth<ChannelID>(failureThreshold: 3)
    var failedSensors: [String: String] {
        Dictionary(uniqueKeysWithValues: health.failedSensors.map { ($0.rawValue, health.record(of: $0).lastError ?? "failed") })
    }
    var budget: JournalBudget?
    /// Identifies this boot, so monotonic timestamps are only compared within one boot.
    var bootID: String?
    private let clockSource: ClockSynchronisationSource
    private var clockTrust = WallClockTrust()
    /// Whether the last look at the clocks trusted the wall clock (for the status message).
    private(set) var clockTrusted = false
    private var lastBudgetCheck: UInt64 = 0
    /// Whether every reading of this boot journaled so far is stamped on the trusted clock's present offset: true
    /// after a restamp succeeded, false while the clock is not trusted (or a restamp failed).
    private var stampsOnTrustedOffset = false
    private var lastClockConfirmation: UInt64 = 0
    var onCommit: () -> Void = {}
    /// Called on every pass of `run`, with the monotonic time: the daemon pets systemd's watchdog from here, so a
    /// sampler that hangs (a wedged bus read) stops the petting and systemd restarts the service.
    var onPass: (UInt64) -> Void = { _ in }
    /// Called once when a stop is asked for, before the final pulse commit (the daemon tells systemd it is stopping).
    var onStopRequested: () -> Void = {}
    var onHealthChange: () -> Void = {}
    /// How the loop waits for a monotonic instant: the gateway's clock (`GatewayClock.wait(until:)`).
    var waitUntil: (UInt64) -> Void
    /// A simulated run has reached its end: the loop stops as on SIGTERM.
    var hasEnded: () -> Bool = { false }

    init(site: Site, samplers: [ChannelSampler], derivations: [Derivation], calibrations: LiveCalibrations,
         journal: ReadingJournal,
         states: [ChannelState], log: Logger,
         wallClock: @escaping () -> UnixTime, monotonicNanoseconds: @escaping () -> UInt64,
         clockSource: ClockSynchronisationSource = PlausibleDateSynchronisation()) {
        self.site = site
        self.samplers = samplers
        self.derivations = derivations
        self.calibrations = calibrations
        self.journal = journal
        self.log = log
        self.wallClock = wallClock
        self.monotonicNanoseconds = monotonicNanoseconds
        self.clockSource = clockSource
        waitUntil = { deadline in
            let now = monotonicNanoseconds()
            if deadline > now { BoardThread.sleep(nanoseconds: Int64(min(deadline - now, 1_000_000_000))) }
        }
        let now = monotonicNanoseconds()
        checkpoints = PulseCheckpoints(now: now)
        for s in states where s.device == site.device {
            lastSequence[s.channel] = s.lastSequence
            pulseTotals[s.channel] = s.pulseTotal
            meteredTotals[s.channel] = s.meteredTotal
            checkpoints.journaled(s.channel, total: s.pulsesCounted)
        }
        nextDue = samplers.map { now + SamplingInterval.nanoseconds($0.spec.interval) }
        let wall = wallClock()
        for i in samplers.indices {
            if samplers[i].spec.driver.isPulseCounter {
                nextDue[i] = now + Self.nanosecondsToAlignedInstant(samplers[i], wall: wall, justSampled: false)
            } else if let last = (try? journal.latest(device: site.device, channel: samplers[i].spec.id)) ?? nil,
                      last.quality != .clockUnsynchronised {
                nextDue[i] = now + Self.nanosecondsToResumedReading(samplers[i], lastRead: last.time, wall: wall)
            }
        }
    }

    /// A sensor keeps its rhythm across a restart: back before its next reading was due (a clean restart, an
    /// update), the loop takes that reading when it is due, so the restart skips none; back after it (down over
    /// it), that reading is truly missing and the next comes one interval after the start, as on a first start.
    /// A wall clock behind the last reading never delays a reading beyond one interval.
    private static func nanosecondsToResumedReading(_ sampler: ChannelSampler, lastRead: UnixTime, wall: UnixTime) -> UInt64 {
        let intervalNs = SamplingInterval.nanoseconds(sampler.spec.interval)
        let dueInMs = lastRead.milliseconds + Int64(intervalNs / 1_000_000) - wall.milliseconds
        guard dueInMs > 0 else { return intervalNs }
        return min(UInt64(dueInMs) * 1_000_000, intervalNs)
    }

    /// When a totalizer is next due, from the wall clock read at monotonic `now`. Just after a sample, the next
    /// instant is sought from half an interval on, so a wake-up a little early or late never reads twice.
    private static func nanosecondsToAlignedInstant(_ sampler: ChannelSampler, wall: UnixTime, justSampled: Bool) -> UInt64 {
        let intervalNs = SamplingInterval.nanoseconds(sampler.spec.interval)
        let intervalMs = Int64(intervalNs / 1_000_000)
        let from = justSampled ? UnixTime(milliseconds: wall.milliseconds + intervalMs / 2) : wall
        let next = AlignedSampling.nextInstant(after: from, intervalMilliseconds: intervalMs)
        return UInt64(max(next.milliseconds - wall.milliseconds, 1)) * 1_000_000
    }

    /// When each channel is next due, on the monotonic clock (tests check the alignment).
    var nextDueNanoseconds: [UInt64] { nextDue }

    /// Runs until `stop` is set, then commits the pulses counted since the last tick (`finish`). Returns the
    /// number of ticks committed, the final one included.
    @discardableResult
    func run(until stop: borrowing Atomic<Bool>) -> Int {
        var ticks = 0
        while !stop.load(ordering: .relaxed) && !hasEnded() {
            let now = monotonicNanoseconds()
            if tick(now: now) { ticks += 1 }
            onPass(now)
            // Wait until the next channel is due (a real clock waits at most a second, the longest a stop
            // request waits; a simulated one jumps there).
            let next = nextDue.min() ?? now + 1_000_000_000
            if next > now { waitUntil(next) }
        }
        onStopRequested()
        if finish() { ticks += 1 }
        return ticks
    }

    /// A clean stop (SIGTERM, SIGINT): every pulse channel stops its reader, counts the edges still pending and
    /// is sampled one last time, committed as a final tick, so no pulse counted since the last interval tick is
    /// lost. Returns whether the final tick was committed.
    @discardableResult
    func finish() -> Bool {
        let pulseChannels = samplers.filter { $0.runningPulseTotal() != nil }
        guard !pulseChannels.isEmpty else { return false }
        for sampler in pulseChannels { sampler.beginStopping() }
        for sampler in pulseChannels { sampler.finishCounting() }
        let before = pulseChannels.map { pulseTotals[$0.spec.id] ?? 0 }
        let now = monotonicNanoseconds()
        let (time, quality) = readClocks(monotonic: now)
        guard commit(pulseChannels, time: time, quality: quality, monotonic: now) else {
            log.error("final commit on stop: the commit of \(pulseChannels.count) pulse channels failed (see above); the pulses since their last readings are lost")
            return false
        }
        var carried: UInt64 = 0
        for (sampler, start) in zip(pulseChannels, before) { carried += (pulseTotals[sampler.spec.id] ?? start) &- start }
        log.notice("final commit on stop: \(carried) pulses counted since the last readings of \(pulseChannels.count) pulse channels")
        return true
    }

    /// Samples whatever is due at monotonic time `now` and commits it, then checkpoints the running pulse
    /// totals if a second has passed since the last checkpoint; returns whether anything was due.
    @discardableResult
    func tick(now: UInt64) -> Bool {
        // Every pass looks at the clocks, so a step is seen within a second, before the next reading is stamped.
        let (time, quality) = readClocks(monotonic: now)
        var due: [Int] = []
        for i in samplers.indices where nextDue[i] <= now {
            due.append(i)
            if samplers[i].spec.driver.isPulseCounter {
                // Re-aligned from the wall clock at every reading: a step moves the instants with it.
                nextDue[i] = now + Self.nanosecondsToAlignedInstant(samplers[i], wall: time, justSampled: true)
                continue
            }
            let interval = SamplingInterval.nanoseconds(samplers[i].spec.interval)
            nextDue[i] += interval
            // After a stall (suspend, overload) skip missed slots rather than burst-sampling to catch up.
            if nextDue[i] <= now { nextDue[i] = now + interval }
        }
        if !due.isEmpty { commit(due.map { samplers[$0] }, time: time, quality: quality, monotonic: now) }
        if checkpoints.isDue(now: now) { checkpointPulses(now: now) }
        if let budget, now &- lastBudgetCheck >= 60_000_000_000 {
            lastBudgetCheck = now
            enforce(budget)
        }
        if stampsOnTrustedOffset, let bootID, now &- lastClockConfirmation >= 60_000_000_000 {
            // The next start in this boot restamps only what comes after (`RestampMark`).
            lastClockConfirmation = now
            do { try journal.confirmClock(bootID: bootID, wall: time, atMonotonicNanoseconds: now) } catch {
                log.error(error.fieldProblem.line())
            }
        }
        return !due.isEmpty
    }

    /// Reads the wall clock and the kernel's synchronisation state at monotonic `monotonic`: the time to stamp
    /// readings with and their quality. When the clock has just become trustworthy (NTP, GNSS, a technician) or
    /// was stepped, readings of this boot not yet published are restamped from their monotonic time, which kept
    /// counting correctly all along.
    private func readClocks(monotonic: UInt64) -> (UnixTime, ReadingQuality) {
        let wall = wallClock()
        let seen = clockTrust.observe(wall: wall, monotonicNanoseconds: monotonic, kernelSynchronised: clockSource.isSynchronised())
        if seen.trusted != clockTrusted {
            if seen.trusted {
                log.notice("wall clock synchronised (\(wall)): readings are stamped good from now on")
            } else {
                log.warning("wall clock not synchronised (the kernel reports STA_UNSYNC, or the date is before 2020): readings are marked clock-unsync until NTP sets it")
            }
        }
        clockTrusted = seen.trusted
        if !seen.trusted { stampsOnTrustedOffset = false }
        if let step = seen.stepMilliseconds {
            log.warning("wall clock stepped by \(step) ms against the monotonic clock")
            // The instants are wall-clock instants: after a step, the totalizers' next ones are the new clock's.
            // A reading already due is taken now (and the next one aligned from it): moved to the new clock's
            // next instant, it would be skipped, and the one after would carry two intervals into one window.
            for i in samplers.indices where samplers[i].spec.driver.isPulseCounter && nextDue[i] > monotonic {
                nextDue[i] = monotonic + Self.nanosecondsToAlignedInstant(samplers[i], wall: wall, justSampled: false)
            }
        }
        if seen.restampPending { restamp(wall: wall, monotonic: monotonic) }
        return (wall, seen.trusted ? .good : .clockUnsynchronised)
    }

    private func restamp(wall: UnixTime, monotonic: UInt64) {
        guard let bootID else { return }
        do {
            stampsOnTrustedOffset = false
            let n = try journal.restamp(bootID: bootID, wall: wall, atMonotonicNanoseconds: monotonic)
            stampsOnTrustedOffset = true
            if n > 0 { log.notice("restamped \(n) unpublished readings from their monotonic time against the wall clock now (\(wall))") }
        } catch {
            log.error(error.fieldProblem.line())
        }
    }

    /// Keeps the journal inside its disk budget; losses are counted by the journal and shown in status.
    private func enforce(_ budget: JournalBudget) {
        do {
            let outcome = try journal.enforce(budget, now: wallClock())
            if outcome.dropped > 0 {
                log.error("journal reached its budget of \(budget.bytes >> 20) MiB: dropped \(outcome.dropped) undelivered readings (\(budget.policy.rawValue))")
                onHealthChange()
            }
        } catch {
            log.error(error.fieldProblem.line())
        }
    }

    /// Writes the running total of every pulse channel whose count moved since it last reached the journal.
    private func checkpointPulses(now: UInt64) {
        var states: [ChannelState] = []
        for sampler in samplers {
            let id = sampler.spec.id
            guard let total = sampler.runningPulseTotal(), checkpoints.changed(id, total: total) else { continue }
            states.append(ChannelState(device: site.device, channel: id, lastSequence: lastSequence[id] ?? 0,
                                       pulseTotal: pulseTotals[id] ?? 0, pulseCheckpoint: total,
                                       meteredTotal: meteredTotals[id]))
        }
        guard !states.isEmpty else { return }
        checkpoints.wrote(at: now)
        do {
            try journal.checkpointPulses(states)
            for s in states { checkpoints.journaled(s.channel, total: s.pulseCheckpoint) }
        } catch {
            // Not fatal: the next reading records the total anyway; until then a crash loses more than a second.
            log.error(error.fieldProblem.line())
        }
    }

    @discardableResult
    private func commit(_ due: [ChannelSampler], time: UnixTime, quality: ReadingQuality, monotonic: UInt64) -> Bool {
        calibrations.refreshIfChanged()
        var readings: [Reading] = []
        var states: [ChannelState] = []
        var healthChanged = false
        for sampler in due {
            let id = sampler.spec.id
            let seq = (lastSequence[id] ?? 0) + 1
            let key = ReadingKey(device: site.device, channel: id, sequence: seq)
            var reading = Reading(key: key, time: time, value: nil, quality: quality)
            var technicianProblem: FieldProblem?
            reading.monotonicNanoseconds = monotonic
            reading.bootID = bootID
            var transition: SensorHealth<ChannelID>.Transition?
            let sample = sampler.sample()
            switch sample {
            case .value(let v), .saturated(let v):
                let (corrected, calibrationID) = calibrations.corrected(v, channel: id, at: time)
                reading.calibrationID = calibrationID
                if let why = NonFiniteValues.calibratedFault(raw: v, corrected: corrected, calibrationID: calibrationID) {
                    reading.quality = .fault
                    reading.fault = why
                    transition = health.recordFailure(id, error: why)
                } else {
                    reading.value = corrected
                    // A saturated loop is flagged whatever the clock; an unsynchronised clock is already flagged
                    // and restamped later, so it keeps that quality (restamping sets it good).
                    if case .saturated = sample, reading.quality == .good { reading.quality = .saturated }
                    transition = health.recordSuccess(id)
                }
            case .total(let increment, let total, let pulses, let calibrationID):
                reading.calibrationID = calibrationID
                // The raw pulse count stays right whatever the scale, so it is kept for the restart.
                pulseTotals[id] = pulses
                if total.value.isFinite { meteredTotals[id] = total.value }
                if let why = NonFiniteValues.pulseFault(increment: increment, total: total, pulses: pulses,
                                                        calibrationID: calibrationID) {
                    reading.quality = .fault
                    reading.fault = why
                    transition = health.recordFailure(id, error: why)
                } else {
                    reading.value = increment
                    reading.sum = total
                    transition = health.recordSuccess(id)
                }
            case .fault(let problem):
                // The journal and the city keep the English line; the log speaks the technician's language.
                let why = problem.line(in: .english)
                reading.quality = .fault
                reading.fault = why
                transition = health.recordFailure(id, error: why)
                technicianProblem = problem
            }
            switch transition {
            case .markedFailed(_, let lastError)?:
                log.error("channel \(id) marked failed: \(technicianProblem?.line() ?? lastError)")
                healthChanged = true
            case .recovered(_, let failures)?:
                log.notice("channel \(id) reads again after \(failures) failures")
                healthChanged = true
            case nil:
                break
            }
            readings.append(reading)
            states.append(ChannelState(device: site.device, channel: id, lastSequence: seq, pulseTotal: pulseTotals[id] ?? 0,
                                       meteredTotal: meteredTotals[id]))
        }
        let raw = readings
        for derivation in derivations {
            for d in derivation.derive(from: raw, at: time) {
                let seq = (lastSequence[d.channel] ?? 0) + 1 + UInt64(states.filter { $0.channel == d.channel }.count)
                var derived = Reading(key: ReadingKey(device: site.device, channel: d.channel, sequence: seq),
                                      time: d.time, value: d.value, sum: d.sum, quality: quality, method: d.method)
                if let why = NonFiniteValues.derivedFault(d.value, sum: d.sum, method: d.method) {
                    derived.value = nil
                    derived.sum = nil
                    derived.quality = .fault
                    derived.fault = why
                }
                derived.monotonicNanoseconds = monotonic
                derived.bootID = bootID
                readings.append(derived)
                states.append(ChannelState(device: site.device, channel: d.channel, lastSequence: seq, pulseTotal: 0))
            }
        }
        var rejections: [(counter: String, amount: Int64)] = []
        var rejectedNow: [ChannelID: UInt64] = [:]
        for sampler in due {
            guard let rejected = sampler.rejectedGlitches() else { continue }
            let before = journaledRejections[sampler.spec.id]
            // The first reading writes the counter even at 0, so `watch` shows 0 rather than "not counted".
            guard before == nil || rejected > before! else { continue }
            rejections.append((JournalChannelViews.rejectedCounterName(sampler.spec.id), Int64(rejected - (before ?? 0))))
            rejectedNow[sampler.spec.id] = rejected
        }
        do {
            try journal.record(readings, states: states, adding: rejections)
            for (channel, rejected) in rejectedNow { journaledRejections[channel] = rejected }
            for s in states {
                lastSequence[s.channel] = max(lastSequence[s.channel] ?? 0, s.lastSequence)
                checkpoints.journaled(s.channel, total: s.pulseTotal)
            }
            onCommit()
        } catch {
            // The sequence numbers are not advanced, so the next tick reuses them: nothing half-recorded.
            log.error(error.fieldProblem.line())
            if healthChanged { onHealthChange() }
            return false
        }
        if healthChanged { onHealthChange() }
        return true
    }
}
