import Platform
import BoardCommandLine

/// The board's update tool: installs signed bundles into slots, gates them on health, rolls back, and
/// supervises the gateway so the gate can see it. Deploy/update/README.md.
@main
struct SGWUpdate {
    static let declaration = CommandDeclaration(
        name: "sgw-update",
        abstract: "Signed, slotted, health-gated updates of sensor-gateway, with automatic rollback.",
        subcommands: [InstallCommand.declaration, StatusCommand.declaration, RollbackCommand.declaration,
                      RecoverCommand.declaration, SuperviseCommand.declaration],
        version: "sgw-update (\(BoardArchitecture.current))")

    static func main() {
        let parsed = CommandLineProgram.prepare(ArgumentScanner.scan(ProcessArguments.current(), program: declaration))
        switch parsed.path.names.dropFirst().joined(separator: " ") {
        case "install": CommandLineProgram.execute(InstallCommand.self, parsed)
        case "status": CommandLineProgram.execute(StatusCommand.self, parsed)
        case "rollback": CommandLineProgram.execute(RollbackCommand.self, parsed)
        case "recover": CommandLineProgram.execute(RecoverCommand.self, parsed)
        case "supervise": CommandLineProgram.execute(SuperviseCommand.self, parsed)
        case let path: preconditionFailure("no code runs `\(path)`: add it to SGWUpdate.main")
        }
    }
}
