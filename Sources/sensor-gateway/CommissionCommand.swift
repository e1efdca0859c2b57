import BoardCommandLine
import CSystem
import CalibrationStore
import FieldText
import GatewayCore
import GatewayRuntime
import Journal
import SiteConfig

/// `sensor-gateway commission`: the technician's visit. Scans the board against its site file, shows each
/// channel, takes the reference values and meter registers the technician brings, compares each register with
/// the gateway's count since the last visit, and appends a visit record (and, when asked, a correction record)
/// to `<calibration folder>/commissioning/visits.yaml`.
struct CommissionCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "commission",
        abstract: .commission, discussion: .commissionDiscussion,
        options: SiteVisitArguments.site + [
            .optional("state-dir", help: .commissionStateDirectory, defaultValue: RunCommand.defaultStateDirectory),
            .flag("standalone", help: .commissionStandalone),
            .flag("simulate", help: .commissionSimulate),
        ] + SiteVisitArguments.people(asked: true) + [
            .repeated("register", help: .commissionRegister),
            .repeated("reference", help: .commissionReference),
            SiteVisitArguments.notes,
            .optional("listen", .decimal, help: .commissionListen, defaultValue: "2"),
            .flag("apply-correction", help: .commissionApplyCorrection),
            .flag("accept-scan-problems", help: .commissionAcceptScanProblems),
            .flag("no-prompt", help: .commissionNoPrompt),
        ])

    let arguments: ParsedArguments
    let visit: SiteVisitArguments
    var siteFile: String { visit.siteFile }
    var calibration: String { visit.calibration }
    var simulate: Bool { visit.simulate }
    let stateDirectory: String
    let standalone: Bool
    let listen: Double
    let prompting: Bool

    init(_ arguments: ParsedArguments) {
        self.arguments = arguments
        visit = SiteVisitArguments(arguments)
        stateDirectory = arguments.text("state-dir") ?? RunCommand.defaultStateDirectory
        standalone = arguments.flag("standalone") || visit.simulate
        listen = arguments.number("listen") ?? 2
        prompting = !arguments.flag("no-prompt")
    }

    func validate() throws(UsageError) {
        if !(listen >= 0 && listen <= 600) { throw arguments.invalid(FieldText.say(.optionSecondsRange, ["--listen", "\(listen)", "0", "600"])) }
        for option in ["register", "reference"] {
            for given in arguments.texts(option) where CommissionCommand.pair(given) == nil {
                throw arguments.invalid(FieldText.say(.commissionPairForm, ["--\(option)", given]))
            }
        }
        if !prompting && (visit.by == nil || visit.instrument == nil) {
            throw arguments.invalid(FieldText.say(.commissionNoPromptNeeds))
        }
    }

    static func pair(_ text: String) -> (ChannelID, Double)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        guard let value = Double(String(text[text.index(after: equals)...])), value.isFinite else { return nil }
        return (ChannelID(String(text[..<equals])), value)
    }

    func run() throws(CommandFailure) {
        let loaded = try VisitSiteFile.load(siteFile)
        let site = loaded.site
        for option in ["register", "reference"] {
            for given in arguments.texts(option) {
                guard let (channel, _) = CommissionCommand.pair(given), site.channel(channel) != nil else {
                    let known = site.channels.map { $0.id.rawValue }.joined(separator: ", ")
                    throw .usage(FieldText.say(.commissionNoSuchChannel, ["--\(option)", given, "\(site.id)", known]))
                }
            }
        }
        let previous: [CommissioningRecord]
        do { previous = try CommissioningLog.load(calibrationFolder: calibration) } catch { throw .failed(error.fieldProblem.text()) }
        guard let by = visit.by ?? (prompting ? TechnicianInput.line(prompt: FieldText.say(.commissionWhoPrompt)) : nil),
              let instruments = visit.instrument
                ?? (prompting ? TechnicianInput.line(prompt: FieldText.say(.commissionInstrumentPrompt)) : nil) else {
            throw .usage(FieldText.say(.commissionNeedsWho))
        }
        let now = WallClock.now()
        print(FieldText.say(.commissionHeading, [site.id.rawValue, site.device.rawValue, by, WatchScreen.time(now)]))

        // 1. The board against its site file.
        let hardware = VisitHardware.open(site: site, simulate: simulate)
        let scan = SiteScan.run(site: site, on: hardware, listenSeconds: standalone ? listen : 0, pulseLines: standalone)
        print(scan.text())
        if scan.exitStatus != 0 && !arguments.flag("accept-scan-problems") {
            print(FieldText.say(.commissionScanFailed))
            throw .exit(scan.exitStatus)
        }

        // 2. Each channel as the gateway sees it now.
        let gateway = gatewayViews(site)
        var views = gateway ?? []
        if standalone {
            do {
                views = try StandaloneSampling(site: site, on: hardware, calibrationFolder: calibration,
                                               log: RuntimeLog.logger(label: "commission")).sample(at: now)
            } catch { throw .failed(error.fieldProblem.text()) }
        }
        for view in views {
            let shown = view.spec.driver.isPulseCounter ? (gatewayTotal(view.spec.id, gateway) ?? view.total) : view.value
            print(FieldText.say(.commissionChannel, [view.spec.id.rawValue, WatchScreen.number(shown), view.spec.unit,
                                                     view.fault ?? view.calibrationID ?? WatchScreen.quality(view.quality)]))
        }

        // 3. What the technician brings: references and registers.
        var record = CommissioningRecord(id: "visit-\(CalibrationSession.stamp(now))", kind: .visit, site: site.id,
                                         device: site.device, validFrom: now, measuredBy: by, instruments: instruments,
                                         scanMatched: scan.exitStatus == 0, notes: visit.notes)
        for spec in site.channels {
            if spec.driver.isPulseCounter {
                guard let register = given("register", spec.id)
                        ?? asked(.commissionRegisterPrompt, spec) else { continue }
                record.registers.append(.init(channel: spec.id, unit: spec.unit, register: register,
                                              gatewayTotal: gatewayTotal(spec.id, gateway)))
            } else {
                guard let reference = given("reference", spec.id) ?? asked(.commissionReferencePrompt, spec) else { continue }
                record.references.append(.init(channel: spec.id, unit: spec.unit, reference: reference,
                                               gatewayValue: views.first { $0.spec.id == spec.id }?.value.map(Self.rounded)))
            }
        }

        // 4. Each register against the last visit that read it.
        var corrections: [CommissioningRecord.Correction] = []
        for entry in record.registers {
            guard let earlier = previous.last(where: { $0.kind == .visit && $0.register(of: entry.channel) != nil }),
                  let before = earlier.register(of: entry.channel) else {
                print(entry.gatewayTotal == nil
                    ? FieldText.say(.commissionNoTotal, [entry.channel.rawValue, WatchScreen.number(entry.register), entry.unit])
                    : FieldText.say(.commissionFirstVisit, [entry.channel.rawValue, WatchScreen.number(entry.register), entry.unit,
                                                            WatchScreen.number(entry.gatewayTotal)]))
                continue
            }
            let hours = Double(now.milliseconds - earlier.validFrom.milliseconds) / 3_600_000
            let drift: RegisterDrift
            switch RegisterDrift.comparing(unit: entry.unit, previousRegister: before.register, previousTotal: before.gatewayTotal,
                                           register: entry.register, total: entry.gatewayTotal,
                                           meter: site.channel(entry.channel)?.register, hours: hours) {
            case .drift(let found):
                drift = found
            case .meterReplaced(let previous, let current, let limit?):
                print(FieldText.say(.commissionMeterReplaced, [entry.channel.rawValue, WatchScreen.number(previous),
                                                               WatchScreen.number(current), entry.unit,
                                                               WatchScreen.time(earlier.validFrom), WatchScreen.number(limit)]))
                continue
            case .meterReplaced(let previous, let current, nil):
                print(FieldText.say(.commissionRegisterWentBack, [entry.channel.rawValue, WatchScreen.number(previous),
                                                                  WatchScreen.number(current), entry.unit,
                                                                  WatchScreen.time(earlier.validFrom)]))
                continue
            case .incomparable:
                print(FieldText.say(.commissionNoTotal, [entry.channel.rawValue, WatchScreen.number(entry.register), entry.unit]))
                continue
            }
            if drift.wrapped, let meter = site.channel(entry.channel)?.register {
                print(FieldText.say(.commissionRegisterWrapped, [entry.channel.rawValue, WatchScreen.number(meter.modulus - 1), entry.unit]))
            }
            print(FieldText.say(.commissionDrift, [entry.channel.rawValue, WatchScreen.time(earlier.validFrom),
                                                   WatchScreen.number(drift.registerAdvance), entry.unit,
                                                   WatchScreen.number(drift.gatewayAdvance), WatchScreen.number(drift.gap)]))
            if abs(drift.gap) > 1e-9 {
                corrections.append(.init(channel: entry.channel, unit: entry.unit, gap: drift.gap, since: earlier.id))
            }
        }

        // 5. The record, then a correction only when asked for.
        do { try CommissioningLog.append(record, calibrationFolder: calibration) } catch { throw .failed(error.fieldProblem.text()) }
        print(FieldText.say(.commissionWrote, [record.id, CommissioningLog.path(calibrationFolder: calibration)]))
        guard !corrections.isEmpty else { return }
        guard arguments.flag("apply-correction") else {
            print(FieldText.say(.commissionCorrectionOffered))
            return
        }
        var correction = record
        correction.id = "correction-\(CalibrationSession.stamp(now))"
        correction.kind = .correction
        correction.registers = []
        correction.references = []
        correction.corrections = corrections
        do { try CommissioningLog.append(correction, calibrationFolder: calibration) } catch { throw .failed(error.fieldProblem.text()) }
        for c in corrections {
            print(FieldText.say(.commissionCorrectionWritten, [correction.id, c.channel.rawValue, WatchScreen.number(c.gap), c.unit]))
        }
    }

    /// The channels as the gateway journaled them, nil when there is no journal to read.
    func gatewayViews(_ site: Site) -> [ChannelView]? {
        let path = stateDirectory + "/journal.sqlite"
        guard access(path, R_OK) == 0 else { return nil }
        do { return try JournalChannelViews.read(site: site, journal: JournalReader(path: path)) } catch { return nil }
    }

    func gatewayTotal(_ channel: ChannelID, _ views: [ChannelView]?) -> Double? {
        views?.first { $0.spec.id == channel }?.total.map(Self.rounded)
    }

    /// Six decimals: finer than any register or reference, and free of binary noise (0.07999999999999999).
    static func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }

    func given(_ option: String, _ channel: ChannelID) -> Double? {
        for text in arguments.texts(option).reversed() {
            if let (c, v) = CommissionCommand.pair(text), c == channel { return v }
        }
        return nil
    }

    func asked(_ prompt: FieldMessage, _ spec: ChannelSpec) -> Double? {
        prompting ? TechnicianInput.number(prompt: FieldText.say(prompt, [spec.id.rawValue, spec.unit])) : nil
    }
}
