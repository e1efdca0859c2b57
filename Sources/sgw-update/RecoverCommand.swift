import BoardCommandLine
import BoardUpdate

/// `sgw-update recover`: finish or undo an interrupted update (the supervisor does it at start).
struct RecoverCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "recover",
        abstract: "Undo an update whose installer was killed, and remove its leftovers.",
        options: [RootOption.declaration])

    let arguments: ParsedArguments
    init(_ arguments: ParsedArguments) { self.arguments = arguments }

    func run() throws(CommandFailure) {
        let root = RootOption.root(arguments)
        let switched = Recovery(root: root, log: RootOption.log).recover()
        print(switched ? "switched back to \(root.currentVersion() ?? "none")" : "nothing to recover; current is \(root.currentVersion() ?? "none")")
    }
}
