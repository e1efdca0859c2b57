import BoardCommandLine
import BoardUpdate
import SenML

/// `sgw-update status`: one JSON line for people and for fleet-update.
struct StatusCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "status",
        abstract: "Print the running version, the slots, an update in progress and the last update's outcome (JSON).",
        options: [RootOption.declaration])

    let arguments: ParsedArguments
    init(_ arguments: ParsedArguments) { self.arguments = arguments }

    func run() throws(CommandFailure) {
        let root = RootOption.root(arguments)
        var json = JSONWriter()
        json.beginObject()
        if let result = UpdateResult.read(root) { json.key("lastUpdate"); json.string(result) }
        json.key("slots")
        json.beginArray()
        for slot in FileOperations.list(root.slotsDirectory) { json.string(slot) }
        json.endArray()
        if let trial = TrialRecord.read(root.trialRecord) { json.key("trial"); json.string(trial.version) }
        json.key("version"); json.string(root.currentVersion() ?? "none")
        json.endObject()
        print(String(decoding: json.bytes, as: UTF8.self))
    }
}
