import BoardIO
import BoardLog
import CalibrationStore
import FieldText
import GatewayCore
import LinuxBoard
import SimulatedBoard

/// One channel opened on its own, for field calibration: reads the sensor's raw value (before any
/// correction) or counts a pulse line, on the real board or the simulated one. Stop the daemon first on a
/// real board: it holds the pulse lines.
public final class ChannelProbe {
    public let spec: ChannelSpec
    public let site: Site
    private let sampler: ChannelSampler
    private let hardware: BoardHardware

    public init(site: Site, channel: ChannelID, simulate: Bool, log: Logger) throws(GatewayStartupError) {
        guard let spec = site.channel(channel) else {
            let known = site.channels.map { $0.id.rawValue }.joined(separator: ", ")
            throw GatewayStartupError("site \(site.id) has no channel \(channel) (its channels: \(known))")
        }
        self.spec = spec
        self.site = site
        let clock = SystemMonotonicClock()
        if simulate {
            let board = SimulatedBoard(site: site, clock: RealTimeClock(clock))
            hardware = BoardHardware(i2c: board, gpio: board, clock: clock)
        } else {
            hardware = BoardHardware(i2c: LinuxI2CBusProvider(), gpio: LinuxEdgeLineProvider(), clock: clock)
        }
        var single = site
        single.channels = [spec]
        let none: LiveCalibrations
        do { none = try LiveCalibrations(directory: nil, log: log) } catch { throw GatewayStartupError("\(error)") }
        guard let s = try SamplerFactory(site: single, hardware: hardware, calibrations: none, log: log)
            .makeSamplers(states: []).first else { throw GatewayStartupError("channel \(channel) could not be opened") }
        sampler = s
    }

    /// The sensor's value before any calibration record is applied.
    public func readRaw() throws(GatewayStartupError) -> MeasuredValue {
        switch sampler.sample() {
        case .value(let v), .saturated(let v): return v
        case .fault(let problem): throw GatewayStartupError(problem.about(spec.id.rawValue))
        case .total: throw GatewayStartupError("channel \(spec.id) is a pulse counter, not a sensor reading")
        }
    }

    /// Pulses counted since the probe opened the line.
    public func pulsesSinceOpen() -> UInt64 {
        if case .total(_, _, let pulses, _) = sampler.sample() { return pulses }
        return 0
    }

    deinit { sampler.close() }
}
