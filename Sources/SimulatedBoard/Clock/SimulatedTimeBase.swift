import BoardIO
import CSystem
import GatewayCore
import Platform

/// Simulated time for a whole gateway run (`sensor-gateway run --simulate --simulated-clock START[,END]`): one
/// monotonic clock and one realtime clock that move only when the sampling loop advances them, so a fiscal year
/// runs through the real journal, broker and aggregator in minutes and every run of a scenario is identical.
///
/// The pulse lines' reader threads sleep on it. `advance(to:)` moves time on and then waits until every reader
/// that had an edge due has taken it and is asleep again, so the sampler reads each counter exactly as the
/// meter stood at that instant, not as far as a thread happened to get.
public final class SimulatedTimeBase: SimulationClock, @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>
    private var monotonic: UInt64
    /// Realtime nanoseconds since 1970 minus monotonic nanoseconds: an NTP step moves it, monotonic goes on.
    private var realtimeOffset: Int64
    /// Simulated seconds per real second; nil advances as fast as the loop can go (`--time-rate max`).
    public let rate: Double?
    private var readers = 0
    /// Readers asleep with nothing due since the last advance.
    private var asleep = 0
    private var generation: UInt64 = 0
    /// Counts every reader's return to `sleep`: a reader busy with a long run of due edges comes back to it at
    /// each edge, so `advance` can tell a reader still counting from one that is stuck.
    private var sleeps: UInt64 = 0
    /// How long `advance` waits for the readers when none of them comes back to `sleep` at all.
    private static let stuckReaderMilliseconds: Int64 = 120_000

    /// Starts the realtime clock at `start`; monotonic time begins at one second, as on a board just booted.
    public init(start: UnixTime, rate: Double? = nil) {
        monotonic = 1_000_000_000
        realtimeOffset = start.milliseconds &* 1_000_000 &- 1_000_000_000
        self.rate = rate
        // A mutex with a condition: Platform.Locked has no waiting, and the readers must sleep until time moves.
        (mutex, changed) = (.allocate(capacity: 1), .allocate(capacity: 1))
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    public func nowNanoseconds() -> UInt64 { locked { monotonic } }

    /// The simulated CLOCK_REALTIME, in whole milliseconds as the journal keeps it.
    public func realtime() -> UnixTime {
        locked { UnixTime(milliseconds: (Int64(monotonic) &+ realtimeOffset) / 1_000_000) }
    }

    /// An NTP step of the realtime clock (negative: back); monotonic time keeps going.
    public func stepRealtime(byMilliseconds step: Int64) {
        locked {
            realtimeOffset &+= step &* 1_000_000
            stepped &+= step
        }
    }

    /// The sum of every step so far: how far the realtime clock reads from the true time of the simulation.
    private var stepped: Int64 = 0
    private var unsynchronised = false

    /// The true time of the simulation, whatever the realtime clock has been stepped to: what the ground truth
    /// and the scripted events go by.
    public func trueRealtime() -> UnixTime {
        locked { UnixTime(milliseconds: ((Int64(monotonic) &+ realtimeOffset) / 1_000_000) &- stepped) }
    }

    /// How far the realtime clock reads from the true time, in milliseconds.
    public var clockErrorMilliseconds: Int64 { locked { stepped } }

    /// The kernel's synchronisation state as `adjtimex` reports it: false (STA_UNSYNC) from a manual setting of
    /// the clock until NTP has stepped it right again (`SimulationScript`'s clock errors).
    public var kernelSynchronised: Bool {
        get { locked { !unsynchronised } }
        set { locked { unsynchronised = !newValue } }
    }

    /// A pulse reader starts (or stops) sleeping on this clock; `advance` waits for the ones it wakes.
    public func readerJoined() { locked { readers += 1 } }
    public func readerLeft() {
        locked { readers -= 1 }
        pthread_cond_broadcast(changed)
    }

    /// A reader thread waits until simulated time has moved `nanoseconds` on.
    public func sleep(nanoseconds: UInt64) {
        sleep(untilNanoseconds: nowNanoseconds() &+ nanoseconds)
    }

    /// A reader thread waits until simulated time reaches `deadline` (absolute, so a jump between the reader's
    /// reading of the time and its wait cannot push its wake-up past edges it must count).
    public func sleep(untilNanoseconds deadline: UInt64) {
        pthread_mutex_lock(mutex)
        var counted = true
        sleeps &+= 1
        asleep += 1
        pthread_cond_broadcast(changed)
        var seen = generation
        while monotonic < deadline {
            timedWait(milliseconds: 1000)
            guard generation != seen else { continue }
            // Time moved but not far enough: this reader is asleep again with nothing due.
            seen = generation
            counted = monotonic < deadline
            if counted {
                asleep += 1
                pthread_cond_broadcast(changed)
            }
        }
        if counted { asleep -= 1 }
        pthread_mutex_unlock(mutex)
    }

    /// Moves monotonic (and realtime) time on to `deadline`, then waits until every reader is asleep again with
    /// nothing due (however long a busy reader takes; see `waitForReaders`). With a rate, first sleeps the real time that stands for.
    public func advance(to deadline: UInt64) {
        let from = nowNanoseconds()
        guard deadline > from else { return }
        if let rate, rate > 0 {
            BoardThread.sleep(nanoseconds: Int64(clamping: UInt64(Double(deadline - from) / rate)))
        }
        pthread_mutex_lock(mutex)
        // Readers still busy (just started, or counting) settle first, so none reads the time across the jump.
        waitForReaders()
        monotonic = deadline
        // Every sleeper counts itself again once it has looked at the new time and found nothing due.
        generation &+= 1
        asleep = 0
        pthread_cond_broadcast(changed)
        waitForReaders()
        pthread_mutex_unlock(mutex)
    }

    /// With the mutex held: waits until every reader is asleep with nothing due. A reader counting a day of
    /// edges on a loaded machine may take many real seconds, and that is waited for; only a reader that has not
    /// come back to `sleep` at all for `stuckReaderMilliseconds` is given up on, so a stuck thread cannot hang
    /// the run.
    private func waitForReaders() {
        var seen = sleeps
        var quietSince = realMilliseconds()
        while asleep < readers {
            timedWait(milliseconds: 1)
            if sleeps != seen {
                seen = sleeps
                quietSince = realMilliseconds()
            } else if realMilliseconds() - quietSince >= Self.stuckReaderMilliseconds {
                return
            }
        }
    }

    private func realMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    private func timedWait(milliseconds: Int) {
        var until = timespec()
        clock_gettime(CLOCK_REALTIME, &until)
        let ns = Int(until.tv_nsec) + milliseconds * 1_000_000
        until.tv_sec += ns / 1_000_000_000
        until.tv_nsec = ns % 1_000_000_000
        pthread_cond_timedwait(changed, mutex, &until)
    }
}
