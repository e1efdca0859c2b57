import GatewayRuntime
import Platform

/// What `sensor-gateway --version` says: the firmware version, the machine it was built for, and the build mode,
/// so a maintainer over SSH sees at once which of the fleet's builds a board runs.
enum BuildDescription {
    static var architecture: String { BoardArchitecture.current }

    static var mode: String {
        #if hasFeature(Embedded)
        "Embedded Swift"
        #else
        "full Swift"
        #endif
    }

    static var version: String { "sensor-gateway \(FirmwareVersion.current) (\(architecture), \(mode))" }
}
