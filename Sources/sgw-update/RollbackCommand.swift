import BoardCommandLine
import BoardUpdate

/// `sgw-update rollback`: back to the version before the last install, by hand.
struct RollbackCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "rollback",
        abstract: "Switch back to the version that ran before the last update and restart the gateway.",
        options: [RootOption.declaration])

    let arguments: ParsedArguments
    init(_ arguments: ParsedArguments) { self.arguments = arguments }

    func run() throws(CommandFailure) {
        let root = RootOption.root(arguments)
        guard let previous = FileOperations.readText(root.updateState + "/previous").map({ String($0.prefix(while: { $0 != "\n" })) }),
              let current = root.currentVersion(), previous != current else {
            throw .failed("nothing to roll back to: no earlier version recorded in \(root.updateState)/previous")
        }
        do throws(UpdateError) {
            try Installer(root: root, options: Installer.Options(), log: RootOption.log)
                .rollBack(from: current, to: previous, reason: "rolled back by hand")
        } catch {
            throw .failed(error.description)
        }
        print("rolled back \(current) to \(previous)")
    }
}
