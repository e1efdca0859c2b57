import SimulatedBoard

/// The simulated kernel's synchronisation state (`--simulated-clock`): synchronised until a scripted clock
/// error sets the clock wrong (STA_UNSYNC), and again once NTP has stepped it right (`SimulationScript`).
final class SimulatedKernelSynchronisation: ClockSynchronisationSource {
    private let clock: SimulatedTimeBase
    init(_ clock: SimulatedTimeBase) { self.clock = clock }
    func isSynchronised() -> Bool { clock.kernelSynchronised }
}
