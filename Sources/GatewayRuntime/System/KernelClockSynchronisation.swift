import CSystem

/// The kernel's synchronisation state (`adjtimex`, `STA_UNSYNC`): set at boot and whenever the clock is set by
/// hand, cleared by an NTP daemon once it disciplines the clock. A Raspberry Pi restoring its last shutdown time
/// (fake-hwclock) reads a plausible date long before this clears, so the date alone proves nothing.
final class KernelClockSynchronisation: ClockSynchronisationSource {
    init() {}

    /// A kernel that will not answer (a seccomp filter) is taken as unsynchronised: readings are then marked, not lost.
    func isSynchronised() -> Bool {
        sgw_kernel_clock_unsynchronised() == 0
    }
}

/// A clock taken as synchronised whenever it reads a plausible date: the simulated board, whose readings stand
/// for a site's, not for this machine's clock discipline.
final class PlausibleDateSynchronisation: ClockSynchronisationSource {
    init() {}
    func isSynchronised() -> Bool { true }
}
