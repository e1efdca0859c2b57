import CSystem
import FieldText

/// Carries out an invocation: prints help or an error, or runs the command; then exits with the status
/// swift-argument-parser programs exit with (0 help and success, 64 usage, 1 failure, or the command's own).
public enum CommandLineProgram {
    public static let usageStatus: Int32 = 64
    public static let failureStatus: Int32 = 1

    /// Everything but running a command; returns the parsed options of the command to run.
    public static func prepare(_ invocation: Invocation) -> ParsedArguments {
        switch invocation {
        case .help(let path):
            print(HelpText.render(path, width: TerminalWidth.current()))
            exit(0)
        case .version(let version):
            print(version)
            exit(0)
        case .helpCommandHelp(let program):
            print(HelpText.renderHelpCommand(program: program, width: TerminalWidth.current()))
            exit(0)
        case .usageError(let error):
            fail(error)
        case .run(let parsed):
            return parsed
        }
    }

    /// Builds, checks and runs `Command`, then exits.
    public static func execute<Command: FieldCommand>(_: Command.Type, _ parsed: ParsedArguments) -> Never {
        let command = Command(parsed)
        do throws(UsageError) {
            try command.validate()
            try parsed.checkNothingLeftOver()
        } catch {
            fail(error)
        }
        do throws(CommandFailure) {
            try command.run()
        } catch {
            switch error {
            case .usage(let message): fail(UsageError(.invalid(message), path: parsed.path.root))
            case .exit(let status): exit(status)
            case .failed(let message):
                writeError(FieldText.say(.usageErrorLine, [message]) + "\n")
                exit(failureStatus)
            }
        }
        exit(0)
    }

    public static func fail(_ error: UsageError) -> Never {
        writeError(error.report)
        exit(usageStatus)
    }

    /// Writes to stderr unbuffered, after whatever stdout still holds.
    public static func writeError(_ text: String) {
        fflush(sgw_stdout())
        fputs(text, sgw_stderr())
    }
}
