import BoardIO
import BoardLog
import CalibrationStore
import DaemonSupport
import FieldText
import GatewayCore
import LinuxBoard
import SimulatedBoard
import Journal
import MQTTTransport
import SenML
import Synchronization
import SystemdNotify

/// Why the gateway (or a calibration command's probe) cannot start, as the technician's problem.
public struct GatewayStartupError: Error, CustomStringConvertible {
    public var fieldProblem: FieldProblem
    public init(_ problem: FieldProblem) { fieldProblem = problem }
    /// A start-up failure told in a sentence of its own: what is wrong with the gateway's files or hardware.
    public init(_ message: String) {
        fieldProblem = FieldProblem(what: "sensor-gateway", happened: .asGiven, [message], cause: .startupCause,
                               action: .startupAction)
    }
    /// In the technician's language, as the log and the commands print it.
    public var description: String { fieldProblem.line() }
}

/// The board daemon: samplers → journal → publisher. Sampling runs on the calling thread and never waits on
/// the network; the publisher owns MQTT on its own thread; pulse lines have their own reader threads.
public final class GatewayDaemon {
    private let site: Site
    private let configHash: String
    private let options: GatewayOptions
    let log: Logger
    private let journal: ReadingJournal
    private let samplers: [ChannelSampler]
    private let derivations: [Derivation]
    private let hardware: BoardHardware
    private let calibrations: LiveCalibrations
    private let failed = FailedSensors()
    /// The one clock the whole gateway runs on (real, or simulated under `--simulated-clock`).
    private let clock: GatewayClock
    private let simulatedBoard: SimulatedBoard?
    /// The simulated clock under `--simulated-clock`: its kernel synchronisation state is the scripted one.
    private let simulatedTime: SimulatedTimeBase?

    public init(site: Site, configHash: String, options: GatewayOptions, log: Logger) throws(GatewayStartupError) {
        self.site = site
        self.configHash = configHash
        self.options = options
        self.log = log
        if let problem = StateDirectory.create(options.stateDirectory) {
            throw GatewayStartupError("cannot create state directory \(options.stateDirectory): \(problem)")
        }
        do {
            journal = try ReadingJournal(path: options.stateDirectory + "/journal.sqlite",
                                         bootID: StateDirectory.firstLine(of: "/proc/sys/kernel/random/boot_id"))
        } catch {
            throw GatewayStartupError(error.fieldProblem)
        }
        if let certificate = options.tls?.certificateFile {
            // Not fatal: the board keeps journaling, and a replaced certificate lets it catch up.
            do {
                let name = try TLSDiagnosis.clientCertificateCommonName(certificate)
                if name != site.device.rawValue {
                    log.error("client certificate \(certificate) is issued to \"\(name ?? "(no common name)")\" but this board is \"\(site.device)\": the city broker will refuse its readings; they stay in the journal until the certificate is replaced")
                }
            } catch { log.error(error.fieldProblem(what: certificate).line()) }
        }
        if let problem = journal.reservationProblem { log.warning("\(problem)") }
        if let aside = journal.recoveredFrom {
            log.error("journal was corrupt; moved aside to \(aside) and started a new one")
        }
        let states: [ChannelState]
        do { states = try journal.channelStates() } catch { throw GatewayStartupError(error.fieldProblem) }
        do {
            calibrations = try LiveCalibrations(directory: options.calibrationDirectory, log: log)
        } catch {
            throw GatewayStartupError("\(error)")
        }
        let system = SystemMonotonicClock()
        if options.simulate, let setting = options.simulatedClock {
            let start = GatewayDaemon.resumeInstant(setting.start, site: site, journal: journal)
            if start.milliseconds > setting.start.milliseconds {
                log.notice("simulated clock resumes at \(start) where the journal's last run stopped")
            }
            let base = SimulatedTimeBase(start: start, rate: setting.rate)
            let board = SimulatedBoard(site: site, clock: base, speedup: options.speedup, instantConversions: true)
            // The meters' own registers (where the site declares them) have turned since the simulation's START,
            // through earlier runs and any time the gateway was stopped, at the meters' rates (a paddy's scripted
            // season is not replayed into them): a resumed run's registers stand where the real meters would.
            if start.milliseconds > setting.start.milliseconds {
                board.passWhileGatewayStopped(seconds: Double(start.milliseconds - setting.start.milliseconds) / 1000)
            }
            let script = options.simulationScript
            for fault in script.sensorFaults where !board.setFailed(fault.channel, false) {
                throw GatewayStartupError("--simulated-sensor-fault \(fault.channel): no I2C or 4–20 mA channel of that id in the site")
            }
            if script.paddySeason != nil && !board.hasPaddyLevel {
                throw GatewayStartupError("--simulated-paddy-season: the site has no channel with role paddy-level to flood")
            }
            script.apply(to: board, clock: base)
            clock = GatewayClock.simulated(base, end: setting.end, nextChange: { script.nextChange(after: $0, on: board) }, changed: { [log] in
                let step = script.apply(to: board, clock: base)
                if step != 0 { log.notice("simulated clock stepped by \(step) ms (scripted; the kernel reports it \(base.kernelSynchronised ? "synchronised" : "unsynchronised"))") }
            }) { start, ns in board.passTime(from: start, nanoseconds: ns) }
            simulatedBoard = board
            simulatedTime = base
            hardware = BoardHardware(i2c: board, gpio: board, clock: base)
        } else if options.simulate {
            let board = SimulatedBoard(site: site, clock: RealTimeClock(system), speedup: options.speedup)
            clock = .system(system)
            simulatedBoard = nil
            simulatedTime = nil
            hardware = BoardHardware(i2c: board, gpio: board, clock: system)
        } else {
            clock = .system(system)
            simulatedBoard = nil
            simulatedTime = nil
            hardware = BoardHardware(i2c: LinuxI2CBusProvider(), gpio: LinuxEdgeLineProvider(notice: { [log] in log.warning("\($0)") }),
                                     clock: system)
        }
        samplers = try SamplerFactory(site: site, hardware: hardware, calibrations: calibrations, log: log).makeSamplers(states: states)
        derivations = GatewayDaemon.derivations(for: site, journal: journal, calibrations: calibrations,
                                                simulatedTimeScale: options.simulate && options.simulatedClock == nil ? options.speedup : 1)
    }

    /// What the board computes from its own readings, by what the site is for.
    static func derivations(for site: Site, journal: ReadingJournal, calibrations: LiveCalibrations,
                            simulatedTimeScale: Double = 1) -> [Derivation] {
        var out: [Derivation] = site.channels.filter { $0.quantity == .energy && $0.role == .energyImport }.map { channel in
            let interval = Int64(SamplingInterval.nanoseconds(channel.interval) / 1_000_000)
            return DemandDerivation(source: channel.id, sourceIntervalMilliseconds: interval, openAtStop: {
                // The window of the last increment journaled before this start, unless its value was closed.
                guard let last = (try? journal.latest(device: site.device, channel: channel.id)) ?? nil,
                      last.value != nil, last.quality != .fault else { return nil }
                let open = DemandWindow(containing: AlignedSampling.attributionInstant(readAt: last.time, intervalMilliseconds: interval))
                let energyChannel = DemandDerivation.energyChannelID(of: channel.id)
                if let closed = (try? journal.latest(device: site.device, channel: energyChannel)) ?? nil,
                   closed.time.milliseconds >= open.bucket.start.milliseconds { return nil }
                return open
            }, closedAtStop: {
                // Closed values are stamped with their window's start.
                ((try? journal.latest(device: site.device, channel: DemandDerivation.energyChannelID(of: channel.id))) ?? nil)
                    .map { DemandWindow(containing: $0.time) }
            }) { bucket in
                // The readings whose covered interval's middle lies in the window: read from half an interval in.
                KilowattHours((try? journal.total(device: site.device, channel: channel.id,
                                                  from: bucket.start.adding(seconds: Double(interval / 2) / 1000),
                                                  to: bucket.end.adding(seconds: Double(interval / 2) / 1000))) ?? 0)
            }
        }
        if let settings = site.recharge {
            let previous = (try? journal.latest(device: site.device, channel: PaddyRechargeDerivation.channelID))??.sum?.value ?? 0
            // The last ponded depth read before this start, so the first interval charges only the real change.
            var level: PondedDepthReading?
            if let channel = site.channels.first(where: { $0.role == .paddyLevel }),
               let latest = (try? journal.latest(device: site.device, channel: channel.id)) ?? nil {
                level = PondedDepthReading(latest)
            }
            out.append(PaddyRechargeDerivation(site: site, settings: settings, previousTotal: CubicMetres(previous),
                                               restoredLevel: level, simulatedTimeScale: simulatedTimeScale))
        }
        for heat in site.heatMeters {
            let previous = HeatDerivation.total(journaled: (try? journal.latest(device: site.device, channel: heat.id))??.sum)
            let interval = site.channel(heat.flow)?.interval.value ?? 60
            out.append(HeatDerivation(spec: heat, flowInterval: interval, previousTotal: previous))
        }
        for channel in site.channels where channel.role == .wellLevel {
            out.append(WellDepthDerivation(source: channel) { time in
                guard let (t, id) = calibrations.tapeReference(channel: channel.id, at: time) else { return nil }
                return (t.tapeDepth, t.sensorColumn, t.measuringPointHeight, t.measuringPointElevation, id)
            })
        }
        return out
    }

    public func run() {
        // The simulated board stands for a site's board, not for this machine's clock discipline: on a simulated
        // clock the kernel's state is the scripted one.
        let clockSource: ClockSynchronisationSource
        if let simulatedTime {
            clockSource = SimulatedKernelSynchronisation(simulatedTime)
        } else if options.simulate {
            clockSource = PlausibleDateSynchronisation()
        } else {
            clockSource = KernelClockSynchronisation()
        }
        let topics = TopicLayout(prefix: site.topicPrefix)
        let derived = derivations.flatMap { $0.channels }
        // The last update's outcome, written by sgw-update before it (re)started this version.
        let update = StateDirectory.firstLine(of: options.stateDirectory + "/update-result", limit: 1024)
        let currentStatus: @Sendable (String, Bool) -> DeviceStatus = {
            [site, configHash, journal, failed, derived, clockSource, update, options, clock] state, backlog in
            var status = GatewayDaemon.status(state, site: site, derived: derived, configHash: configHash,
                                              journal: journal, failed: failed.current,
                                              clockSynchronised: clockSource.isSynchronised(), update: update,
                                              clock: clock, backlog: backlog)
            // Register gaps technicians recorded as corrections count as losses the gateway's totals miss.
            if let folder = options.calibrationDirectory, let visits = CommissioningMessage.load(calibrationFolder: folder, site: site),
               !visits.registerLosses.isEmpty {
                status.registerLosses = visits.registerLosses
            }
            return status
        }
        let publisher = Publisher(
            settings: .init(options: MQTTConnectionOptions(
                host: options.brokerHost, port: options.brokerPort,
                clientID: "sgw-\(site.device.rawValue)", keepaliveSeconds: options.keepaliveSeconds,
                sessionExpirySeconds: options.sessionExpirySeconds,
                credentials: options.credentials, tls: options.tls),
                device: site.device,
                dataTopic: topics.data(site: site.id.rawValue, device: site.device.rawValue),
                statusTopic: topics.status(site: site.id.rawValue, device: site.device.rawValue),
                resendTopic: topics.resend(site: site.id.rawValue, device: site.device.rawValue),
                replayReadingsPerSecond: options.replayReadingsPerSecond,
                resolutions: samplers.reduce(into: [:]) { $0[$1.spec.id] = $1.resolution },
                commissioningTopic: topics.commissioning(site: site.id.rawValue, device: site.device.rawValue)),
            journal: journal, log: log, wallTime: { [clock] in clock.now() },
            status: { state in currentStatus(state, true) },
            // The will drops the backlog and its oldest time anyway: not worth a pass over every row.
            willStatus: { currentStatus("offline", false) },
            commissioning: { [options, site] in
                options.calibrationDirectory.flatMap { CommissioningMessage.load(calibrationFolder: $0, site: site)?.encoded() }
            })
        let loop = SamplingLoop(site: site, samplers: samplers, derivations: derivations, calibrations: calibrations,
                                journal: journal,
                                states: (try? journal.channelStates()) ?? [], log: log,
                                wallClock: { [clock] in clock.now() },
                                monotonicNanoseconds: { [clock] in clock.nowNanoseconds() },
                                clockSource: clockSource)
        if let wait = clock.simulatedWait {
            loop.waitUntil = wait
            loop.hasEnded = { [clock] in clock.hasEnded }
        }
        loop.budget = options.journalBudget
        loop.bootID = StateDirectory.firstLine(of: "/proc/sys/kernel/random/boot_id")
        loop.onCommit = { publisher.journalCommitted() }
        if let board = simulatedBoard, let path = options.groundTruthFile {
            let file = GroundTruthFile(path: path)
            if let problem = file.problem { log.error("ground truth: \(problem)") }
            loop.onCommit = { [site, log] in
                publisher.journalCommitted()
                if !file.record(board.groundTruth, site: site), let problem = file.problem { log.error("ground truth: \(problem)") }
            }
        }
        loop.onHealthChange = { [failed] in
            failed.replace(with: loop.failedSensors)
            publisher.statusChanged()
        }
        let serviceManager = ServiceManager()
        if let interval = serviceManager.watchdogIntervalNanoseconds {
            var pacer = WatchdogPacer(intervalNanoseconds: Int64(clamping: interval))
            loop.onPass = { now in if pacer.due(nowNanoseconds: Int64(clamping: now)) { serviceManager.alive() } }
        }
        publisher.start()
        let sampling = "sampling \(samplers.count) channels of \(site.id) as \(site.device)"
        log.notice(sampling + (options.simulate ? " on the simulated board" : ""))
        serviceManager.ready(status: sampling)
        loop.onStopRequested = { serviceManager.stopping() }
        loop.run(until: StopSignals.requested)
        log.notice("stopping")
        for s in samplers { s.close() }
        publisher.stop()
    }

    /// Where a simulated run starts: at `start`, or where the journal's last run stopped if that is later, so a
    /// restart (clean or after SIGKILL) continues the simulated time instead of replaying it.
    static func resumeInstant(_ start: UnixTime, site: Site, journal: ReadingJournal) -> UnixTime {
        var latest = start
        for channel in site.channels {
            if let reading = (try? journal.latest(device: site.device, channel: channel.id)) ?? nil,
               reading.time.milliseconds > latest.milliseconds {
                latest = reading.time
            }
        }
        return latest
    }

    static func status(_ state: String, site: Site, derived: [DerivedChannel], configHash: String, journal: ReadingJournal,
                       failed: [String: String], clockSynchronised: Bool, update: String? = nil,
                       clock: GatewayClock = .system(SystemMonotonicClock()), backlog: Bool = true) -> DeviceStatus {
        // Without the backlog (the last will), only the loss counter is read, not every row.
        let summary = backlog ? try? journal.summary() : nil
        let now = clock.now()
        return DeviceStatus(
            state: state, site: site.id.rawValue, siteKind: site.kind.rawValue, municipality: site.municipality,
            device: site.device.rawValue, firmware: FirmwareVersion.current, configHash: configHash,
            channels: site.channels.map {
                DeviceStatus.Channel(id: $0.id.rawValue, quantity: $0.quantity.rawValue, role: $0.role?.rawValue,
                                     unit: $0.unit,
                                     // The interval the loop really samples at (bounded), always a number JSON carries.
                                     intervalSeconds: Double(SamplingInterval.nanoseconds($0.interval)) / 1e9,
                                     driver: $0.driver.name)
            } + derived.map {
                DeviceStatus.Channel(id: $0.id.rawValue, quantity: $0.quantity, role: nil, unit: $0.unit,
                                     intervalSeconds: $0.intervalSeconds, driver: "derived:\($0.source?.rawValue ?? "")")
            },
            // Readings not yet offered: the newest tick was committed just now and goes out at once, so it is no backlog.
            failedSensors: failed, backlog: backlog ? (try? journal.unsentBeforeNewestTick()) ?? summary?.unsentCount : nil,
            oldestUnsentTime: summary?.oldestUnsent?.seconds, losses: summary?.losses ?? (try? journal.losses()),
            clockSynchronised: clockSynchronised && now.isPlausiblySynchronised, journalMovedAside: journal.recoveredFrom, time: now.seconds,
            update: update)
    }
}
