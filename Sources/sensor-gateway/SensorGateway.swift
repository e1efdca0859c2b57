import ArgumentParser

@main
struct SensorGateway: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensor-gateway",
        abstract: "Board daemon and field tool: samples a site's sensors, journals every reading, publishes MQTT.",
        subcommands: [Run.self, Check.self, Scan.self, Calibrate.self])
}
