@testable import BoardCommandLine
import Testing

/// What a command line is read as, and which of several problems is reported first.
@Suite struct ArgumentScannerTests {
    static let sample = CommandDeclaration(name: "sample", abstract: "A sample program.", subcommands: [
        CommandDeclaration(name: "go", abstract: "Go.", options: [
            .required("config", help: "Site file."),
            .flag("simulate", help: "Simulate."),
            .optional("keepalive", .integer32, help: "Seconds.", defaultValue: "30"),
            .repeated("point", .decimal, help: "A point."),
        ]),
        CommandDeclaration(name: "group", abstract: "A group.", subcommands: [
            CommandDeclaration(name: "leaf", abstract: "A leaf."),
        ]),
    ])

    func scan(_ words: [String]) -> Invocation { ArgumentScanner.scan(words, program: Self.sample) }

    func reading(_ words: [String]) -> ParsedArguments? {
        if case .run(let parsed) = scan(words) { return parsed }
        return nil
    }

    func error(_ words: [String]) -> String? {
        switch scan(words) {
        case .usageError(let error): error.message
        case .run(let parsed): parsed.leftover?.message
        default: nil
        }
    }

    func helpPath(_ words: [String]) -> String? {
        if case .help(let path) = scan(words) { return path.fullName }
        return nil
    }

    @Test func valuesFlagsAndRepeatedOptions() throws {
        let parsed = try #require(reading(["go", "--config", "a.yaml", "--simulate", "--point", "1.5", "--point=2",
                                          "--keepalive=40"]))
        #expect(parsed.required("config") == "a.yaml")
        #expect(parsed.flag("simulate"))
        #expect(parsed.texts("point") == ["1.5", "2"])
        #expect(parsed.number("keepalive", as: Int32.self) == 40)
        #expect(parsed.leftover == nil)
    }

    @Test func theLastValueGivenWins() throws {
        let parsed = try #require(reading(["go", "--config", "a", "--config", "b"]))
        #expect(parsed.required("config") == "b")
    }

    @Test func aValueIsCheckedWhenMetBeforeHelpOrMissingOptions() {
        #expect(error(["go", "--keepalive", "abc", "--help"]) == "The value 'abc' is invalid for '--keepalive <keepalive>'")
        #expect(error(["go", "--keepalive", "99999999999"]) == "The value '99999999999' is invalid for '--keepalive <keepalive>'")
    }

    @Test func aWordStartingWithADashIsNeverAValue() {
        #expect(error(["go", "--config", "a", "--keepalive", "-5"]) == "Missing value for '--keepalive <keepalive>'")
        #expect(error(["go", "--config", "-h"]) == "Missing value for '--config <config>'")
        #expect(error(["go", "--config"]) == "Missing value for '--config <config>'")
    }

    @Test func helpComesBeforeMissingOptionsAndUnknownOnes() {
        #expect(helpPath(["go", "--frobnicate", "-h"]) == "sample go")
        #expect(helpPath(["go", "-hx"]) == "sample go")
        #expect(helpPath(["--help", "go"]) == "sample")
        #expect(helpPath(["help", "group", "leaf"]) == "sample group leaf")
        #expect(helpPath(["help", "nothing"]) == "sample")
        #expect(helpPath(["group"]) == "sample group")
        #expect(helpPath([]) == "sample")
    }

    @Test func aMissingOptionComesBeforeAnUnknownOne() {
        #expect(error(["go", "--frobnicate"]) == "Missing expected argument '--config <config>'")
    }

    @Test func unknownOptionsAndStrayWordsWaitForTheCommandsOwnChecks() throws {
        let parsed = try #require(reading(["go", "--config", "a", "--frobnicate", "extra"]))
        #expect(parsed.leftover?.message == "Unknown option '--frobnicate'")
        #expect(throws: UsageError.self) { try parsed.checkNothingLeftOver() }
        #expect(error(["go", "--config", "a", "extra"]) == "Unexpected argument 'extra'")
        #expect(error(["go", "--config", "a", "--", "--simulate"]) == "Unexpected argument '--simulate'")
        #expect(error(["go", "--config", "a", "-x"]) == "Unknown option '-x'")
    }

    @Test func aNearMissIsSuggested() {
        #expect(error(["go", "--config", "a", "--simulat"]) == "Unknown option '--simulat'. Did you mean '--simulate'?")
        #expect(error(["go", "--config", "a", "--nothing-like-it"]) == "Unknown option '--nothing-like-it'")
    }

    @Test func aFlagTakesNoValue() {
        #expect(error(["go", "--config", "a", "--simulate=yes"])
                == "The option '--simulate' does not take any value, but 'yes' was specified.")
    }

    @Test func unknownSubcommandsAndProgramOptions() {
        #expect(error(["fly"]) == "Unexpected argument 'fly'")
        #expect(error(["group", "branch"]) == "Unexpected argument 'branch'")
        #expect(error(["--version"]) == "Unknown option '--version'")
    }

    @Test func helpForTheHelpCommand() {
        guard case .helpCommandHelp = scan(["help", "help"]) else {
            Issue.record("help help")
            return
        }
    }

    @Test func anErrorReportNamesTheOptionAndTheCommand() {
        guard case .usageError(let error) = scan(["go", "--keepalive", "x"]) else {
            Issue.record("no usage error")
            return
        }
        #expect(error.report == """
            Error: The value 'x' is invalid for '--keepalive <keepalive>'
            Help:  --keepalive <keepalive>  Seconds.
            Usage: sample go --config <config> [--simulate] [--keepalive <keepalive>] [--point <point> ...]
              See 'sample go --help' for more information.

            """)
    }

    /// Issue 17: a usage error reads in Japanese when the locale asks for it; help text stays English.
    @Test func anErrorReportInJapanese() {
        guard case .usageError(let error) = scan(["go", "--keepalive", "x"]) else {
            Issue.record("no usage error")
            return
        }
        #expect(error.report(in: .japanese) == """
            エラー: 'x' は '--keepalive <keepalive>' の値として使えません
            ヘルプ:  --keepalive <keepalive>  Seconds.
            使い方: sample go --config <config> [--simulate] [--keepalive <keepalive>] [--point <point> ...]
              詳しくは 'sample go --help' を見てください。

            """)
        #expect(error.report(in: .english).hasPrefix("Error: The value 'x' is invalid for '--keepalive <keepalive>'\n"))
    }

    @Test func strayWordsAreReportedTogetherUnlessAnOptionIsUnknown() {
        #expect(error(["go", "--config", "a", "e1", "e2"]) == "2 unexpected arguments: 'e1', 'e2'")
        #expect(error(["go", "--config", "a", "e1", "--frob", "e2", "--frab"]) == "Unknown option '--frob'")
        #expect(error(["group", "a", "b", "c"]) == "3 unexpected arguments: 'a', 'b', 'c'")
        #expect(error(["group", "a", "--frob"]) == "Unknown option '--frob'")
        #expect(error(["--", "go"]) == "Unexpected argument 'go'")
        #expect(helpPath(["group", "a", "--help"]) == "sample group")
    }

    @Test func anEmptyAttachedValueIsNoValue() throws {
        #expect(error(["go", "--config="]) == "Missing value for '--config <config>'")
        let parsed = try #require(reading(["go", "--config", "a", "--simulate="]))
        #expect(parsed.flag("simulate"))
    }

    @Test func theHelpCommandTakesNoOptions() {
        guard case .usageError(let error) = scan(["help", "go", "--config"]) else {
            Issue.record("no usage error")
            return
        }
        #expect(error.report == """
            Error: Unknown option '--config'
            Usage: sample help [<subcommands> ...]

            """)
        #expect(helpPath(["help", "go", "--help"]) == "sample go")
    }
}
