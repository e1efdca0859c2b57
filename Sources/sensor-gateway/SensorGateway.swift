import BoardCommandLine
import FieldText

/// The board program: its commands as a field technician types them, and which code runs each.
@main
struct SensorGateway {
    static let declaration = CommandDeclaration(
        name: "sensor-gateway",
        abstract: .program,
        subcommands: [RunCommand.declaration, CheckCommand.declaration, ScanCommand.declaration, WatchCommand.declaration,
                      CommissionCommand.declaration, calibrate],
        version: BuildDescription.version)

    static let calibrate = CommandDeclaration(
        name: "calibrate",
        abstract: .calibrate, discussion: .calibrateDiscussion,
        subcommands: [WellReferenceCommand.declaration, FlowKFactorCommand.declaration, OffsetCommand.declaration,
                      LinearCommand.declaration])

    static func main() {
        let parsed = CommandLineProgram.prepare(ArgumentScanner.scan(ProcessArguments.current(), program: declaration))
        switch parsed.path.names.dropFirst().joined(separator: " ") {
        case "run": CommandLineProgram.execute(RunCommand.self, parsed)
        case "check": CommandLineProgram.execute(CheckCommand.self, parsed)
        case "scan": CommandLineProgram.execute(ScanCommand.self, parsed)
        case "watch": CommandLineProgram.execute(WatchCommand.self, parsed)
        case "commission": CommandLineProgram.execute(CommissionCommand.self, parsed)
        case "calibrate well-reference": CommandLineProgram.execute(WellReferenceCommand.self, parsed)
        case "calibrate flow-kfactor": CommandLineProgram.execute(FlowKFactorCommand.self, parsed)
        case "calibrate offset": CommandLineProgram.execute(OffsetCommand.self, parsed)
        case "calibrate linear": CommandLineProgram.execute(LinearCommand.self, parsed)
        case let path: preconditionFailure("no code runs `\(path)`: add it to SensorGateway.main")
        }
    }
}
