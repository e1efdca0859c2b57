import BoardIO
import GatewayCore
import LinuxBoard
import SimulatedBoard

/// The hardware a technician's command looks at: the board's own buses and lines, or the simulated board
/// built from the site (`--simulate`), so a visit can be rehearsed at the desk.
public struct VisitHardware {
    public let i2c: any I2CBusProvider
    public let gpio: any EdgeLineProvider
    public let clock: any MonotonicClock

    public init(i2c: any I2CBusProvider, gpio: any EdgeLineProvider, clock: any MonotonicClock) {
        self.i2c = i2c
        self.gpio = gpio
        self.clock = clock
    }

    public static func open(site: Site, simulate: Bool) -> VisitHardware {
        let clock = SystemMonotonicClock()
        if simulate {
            let board = SimulatedBoard(site: site, clock: RealTimeClock(clock))
            return VisitHardware(i2c: board, gpio: board, clock: clock)
        }
        return VisitHardware(i2c: LinuxI2CBusProvider(), gpio: LinuxEdgeLineProvider(), clock: clock)
    }
}
