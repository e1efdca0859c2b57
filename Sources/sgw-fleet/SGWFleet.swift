import ArgumentParser

/// The maintainers' fleet tool: rolls a signed bundle out to an inventory of boards over SSH, in waves.
@main
struct SGWFleet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgw-fleet",
        abstract: "Roll signed sensor-gateway bundles out to boards over SSH, in waves.",
        subcommands: [RolloutCommand.self])
}
