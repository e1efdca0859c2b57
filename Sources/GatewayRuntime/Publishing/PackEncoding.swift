import GatewayCore
import SenML

/// The SenML payload for one pack, or nil when the encoder could not encode it (a value that is not a finite
/// number, for one): then nothing in the pack may be published, nor marked sent (issue 16).
enum PackEncoding {
    static func payload(_ readings: [Reading], resolutions: [ChannelID: MeasurementResolution] = [:]) -> [UInt8]? {
        guard !readings.isEmpty else { return nil }
        let payload = SenMLPack.encode(readings, resolutions: resolutions)
        // The encoder answers a failure with an empty array; a pack of readings never encodes to one.
        guard payload.count > 2 else { return nil }
        return payload
    }
}
