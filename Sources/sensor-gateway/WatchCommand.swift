import BoardCommandLine
import CSystem
import FieldText
import GatewayCore
import GatewayRuntime
import Journal
import Platform
import SiteConfig

/// `sensor-gateway watch`: every channel live, from the running daemon's journal (read-only, the daemon keeps
/// running) or, with `--standalone`, sampled by this command itself while the service is stopped.
struct WatchCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "watch",
        abstract: .watch, discussion: .watchDiscussion,
        options: [
            .required("config", help: .visitSiteFile),
            .optional("state-dir", help: .watchStateDirectory, defaultValue: RunCommand.defaultStateDirectory),
            .flag("standalone", help: .watchStandalone),
            .flag("simulate", help: .watchSimulate),
            .optional("calibration", help: .watchCalibration),
            .optional("interval", .decimal, help: .watchInterval, defaultValue: "1"),
            .optional("count", .integer, help: .watchCount, defaultValue: "0"),
        ])

    let siteFile: String
    let stateDirectory: String
    let standalone: Bool
    let simulate: Bool
    let calibration: String?
    let interval: Double
    let count: Int
    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments) {
        self.arguments = arguments
        siteFile = arguments.required("config")
        stateDirectory = arguments.text("state-dir") ?? RunCommand.defaultStateDirectory
        simulate = arguments.flag("simulate")
        standalone = arguments.flag("standalone") || simulate
        calibration = arguments.text("calibration")
        interval = arguments.number("interval") ?? 1
        count = arguments.number("count") ?? 0
    }

    func validate() throws(UsageError) {
        if !(interval >= 0.1 && interval <= 3600) { throw arguments.invalid(FieldText.say(.optionSecondsRange, ["--interval", "\(interval)", "0.1", "3600"])) }
        if count < 0 { throw arguments.invalid(FieldText.say(.watchCountRange, ["\(count)"])) }
        if calibration != nil && !standalone { throw arguments.invalid(FieldText.say(.watchCalibrationStandalone)) }
    }

    func run() throws(CommandFailure) {
        let loaded = try VisitSiteFile.load(siteFile)
        let site = loaded.site
        let terminal = isatty(1) == 1
        let journalPath = stateDirectory + "/journal.sqlite"
        var standaloneSampling: StandaloneSampling?
        var journal: JournalReader?
        if standalone {
            do {
                standaloneSampling = try StandaloneSampling(site: site, on: VisitHardware.open(site: site, simulate: simulate),
                                                            calibrationFolder: calibration,
                                                            log: RuntimeLog.logger(label: "watch"))
            } catch { throw .failed(error.fieldProblem.text()) }
        } else {
            do throws(JournalError) {
                guard access(journalPath, R_OK) == 0 else {
                    throw JournalError(path: journalPath, operation: "open", reason: String(cString: strerror(sgw_errno())))
                }
                journal = try JournalReader(path: journalPath)
            } catch {
                print(TechnicianNotice(what: site.device.rawValue, happened: .watchJournalHappened, [journalPath, error.reason],
                                       cause: .watchJournalCause, action: .watchJournalAction).text())
                throw .exit(CommandLineProgram.failureStatus)
            }
        }
        let source = FieldText.say(standalone ? .watchSourceStandalone : .watchSourceJournal)
        var shown: [ChannelID: UInt64] = [:]
        var round = 0
        while count == 0 || round < count {
            round += 1
            let now = WallClock.now()
            var views: [ChannelView] = []
            if let standaloneSampling {
                views = standaloneSampling.sample(at: now)
            } else if let journal {
                do { views = try JournalChannelViews.read(site: site, journal: journal) } catch {
                    print(error.fieldProblem.text())
                    throw .exit(CommandLineProgram.failureStatus)
                }
            }
            if terminal {
                let heading = FieldText.say(.watchHeading, [site.id.rawValue, site.device.rawValue,
                                                            WatchScreen.time(now), source])
                print(WatchScreen.screen(views, heading: heading, now: now), terminator: "")
            } else {
                for line in WatchScreen.plainLines(views, after: &shown, now: now) { print(line) }
            }
            fflush(sgw_stdout())
            if count == 0 || round < count { BoardThread.sleep(nanoseconds: Int64(interval * 1e9)) }
        }
    }
}
