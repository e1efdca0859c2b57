/// The MQTT topic prefix: one or more `/`-separated levels ahead of the device id.
enum TopicPrefix {
    static let standard = "sgw"

    /// Why `prefix` cannot start a topic, or nil when it can. Wildcards would make the gateway publish to a
    /// topic nobody subscribes to; empty levels make `sgw//dev` topics that aggregators treat as different.
    static func problem(_ prefix: String) -> String? {
        if prefix.contains(where: { $0 == "+" || $0 == "#" }) { return "\"\(prefix)\" contains an MQTT wildcard (+ or #)" }
        if prefix.contains(where: { $0.isWhitespace }) { return "\"\(prefix)\" contains a space" }
        if prefix.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0.isEmpty }) {
            return "\"\(prefix)\" has an empty level (a leading, trailing or doubled \"/\")"
        }
        return nil
    }
}
