import CEmbeddedSupport
import GatewayCore
import Journal
import MQTTTransport
import SimulatedBoard

/// Everything `sensor-gateway run` was told on its command line.
public struct GatewayOptions: Sendable {
    public var siteFile: String
    public var simulate: Bool
    public var brokerHost: String
    public var brokerPort: Int32
    public var stateDirectory: String
    /// The site's calibration records (`Calibration/records/<site>`); nil runs uncalibrated.
    public var calibrationDirectory: String?
    public var journalBudget = JournalBudget(bytes: 256 << 20)
    public var keepaliveSeconds: Int32
    public var credentials: MQTTConnectionOptions.Credentials?
    public var tls: MQTTConnectionOptions.TLS?
    /// How long the broker keeps the board's session while it is away; 0 asks for a clean session.
    public var sessionExpirySeconds: UInt32 = 7 * 24 * 3600
    /// Pace of the backlog replay after an outage; 0 is unpaced.
    public var replayReadingsPerSecond = 1000
    /// `--speedup`: simulated seconds per second of real time (simulation only). The simulated meters pulse
    /// this much faster and per-day rates (paddy evaporation) are charged per simulated day.
    public var speedup = 1.0
    /// `--simulated-clock START[,END]`: the whole gateway runs on simulated time from START (or from where the
    /// journal's last run stopped, if later) and stops cleanly at END (simulation only).
    public var simulatedClock: SimulatedClockSetting?
    /// `--ground-truth FILE`: where a simulated run appends what its board truly stood for (JSON, one line a run).
    public var groundTruthFile: String?
    /// `--simulated-sensor-fault`, `--simulated-clock-error`: what happens to the simulated board during the run.
    public var simulationScript = SimulationScript()

    public init(siteFile: String, simulate: Bool, brokerHost: String, brokerPort: Int32, stateDirectory: String,
                calibrationDirectory: String? = nil, keepaliveSeconds: Int32 = 30, credentials: MQTTConnectionOptions.Credentials? = nil,
                tls: MQTTConnectionOptions.TLS? = nil) {
        self.siteFile = siteFile
        self.simulate = simulate
        self.brokerHost = brokerHost
        self.brokerPort = brokerPort
        self.stateDirectory = stateDirectory
        self.calibrationDirectory = calibrationDirectory
        self.keepaliveSeconds = keepaliveSeconds
        self.credentials = credentials
        self.tls = tls
    }
}

/// The version stamped into the binary (`CEmbeddedSupport`'s stamp; `Deploy/update/stamp-version.sh` sets it
/// after linking), so the version a board reports is the one its update bundle was checked against.
public enum FirmwareVersion {
    public static var current: String { String(cString: sgw_firmware_version()) }
}

/// A simulated run's time base: where it starts and ends, and how fast it goes.
public struct SimulatedClockSetting: Sendable {
    public var start: UnixTime
    public var end: UnixTime?
    /// Simulated seconds per real second; nil: as fast as the loop can go (`--time-rate max`).
    public var rate: Double?
    public init(start: UnixTime, end: UnixTime?, rate: Double?) {
        self.start = start
        self.end = end
        self.rate = rate
    }
}
