import GatewayCore

/// One entry of `channels:` after its own checks. The parts that checks across channels need (id, device,
/// line) are kept even when another key of the channel is wrong, so a duplicate id is still found.
struct ParsedChannel {
    let reader: MappingReader
    let id: String?
    let driver: DriverSpec?
    /// Nil when the channel has any error.
    let spec: ChannelSpec?
}
