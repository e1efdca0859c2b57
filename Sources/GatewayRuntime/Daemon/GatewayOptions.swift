import Journal
import MQTTTransport

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

public enum FirmwareVersion {
    public static let current = "0.1.0"
}
