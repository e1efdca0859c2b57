import ArgumentParser

/// The maintainers' fleet tool (run on a maintainer's machine, never on a board): rolls a signed bundle out to
/// an inventory of boards over SSH, in waves. The logic is MaintainerKit's; this is its command line.
@main
struct FleetUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet-update",
        abstract: "Roll signed sensor-gateway bundles out to boards over SSH, in waves.",
        subcommands: [RolloutCommand.self])
}
