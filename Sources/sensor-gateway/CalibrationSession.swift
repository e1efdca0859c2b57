import BoardCommandLine
import FieldText
import CalibrationStore
import GatewayCore
import GatewayRuntime
import SiteConfig

/// What every calibration command needs: the site, where its records live, who did the work, and the channel's
/// sensor opened for reading.
struct CalibrationSession {
    static let options: [OptionDeclaration] = SiteVisitArguments.site + [
        .required("channel", help: .calibrateChannel),
        .flag("simulate", help: .calibrateSimulate),
    ] + SiteVisitArguments.people(asked: false) + [SiteVisitArguments.notes]

    let visit: SiteVisitArguments
    let channel: String
    var siteFile: String { visit.siteFile }
    var calibration: String { visit.calibration }
    var simulate: Bool { visit.simulate }
    /// Required options: the command line refuses a calibration without them.
    var measuredBy: String { visit.by ?? "" }
    var instrument: String { visit.instrument ?? "" }
    var notes: String? { visit.notes }

    init(_ arguments: ParsedArguments) {
        visit = SiteVisitArguments(arguments)
        channel = arguments.required("channel")
    }

    struct Opened {
        let loaded: LoadedSite
        let store: CalibrationStore
        let probe: ChannelProbe
    }

    func open() throws(CommandFailure) -> Opened {
        let loaded: LoadedSite
        let store: CalibrationStore
        let probe: ChannelProbe
        do { loaded = try SiteLoader.load(siteFile: siteFile) } catch { throw .failed(error.text()) }
        do { store = try CalibrationStore.load(directory: calibration) } catch { throw .failed(error.text()) }
        do {
            probe = try ChannelProbe(site: loaded.site, channel: ChannelID(channel), simulate: simulate,
                                     log: RuntimeLog.logger(label: "calibrate"))
        } catch { throw .failed(error.fieldProblem.text()) }
        return Opened(loaded: loaded, store: store, probe: probe)
    }

    /// Appends a record made now to the channel's file and says where it went.
    func write(_ method: RecordMethod, store: CalibrationStore) throws(CommandFailure) -> CalibrationRecord {
        let now = WallClock.now()
        let record = CalibrationRecord(id: "\(channel)-\(method.name.rawValue)-\(CalibrationSession.stamp(now))",
                                       channel: ChannelID(channel), method: method, validFrom: now,
                                       measuredBy: measuredBy, referenceInstrument: instrument, notes: notes)
        do { try CalibrationWriter.append(record: record, to: calibration + "/\(channel).yaml") } catch {
            throw .failed(error.text())
        }
        print(FieldText.say(.calibrateWrote, [record.id, "\(calibration)/\(channel).yaml"]))
        return record
    }

    /// `2026-11-30-184512`: Japan time to the second, without colons, as record ids carry it.
    static func stamp(_ time: UnixTime) -> String {
        var stamp = ""
        for c in CivilTime.jst(time).iso8601.prefix(19) {
            if c == ":" { continue }
            stamp.append(c == "T" ? "-" : c)
        }
        return stamp
    }
}
