import ArgumentParser
import CalibrationStore
import Foundation
import GatewayCore
import GatewayRuntime
import Logging
import SiteConfig

extension SensorGateway {
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Field calibration: each command writes a new record (never overwriting one) and shows values before and after.",
            discussion: "On a real board, stop the sensor-gateway service first: it holds the sensors' lines.",
            subcommands: [WellReference.self, FlowKFactor.self, Offset.self, Linear.self])
    }

    /// What every calibration command needs: the site, where its records live, and who did the work.
    struct CalibrationContext: ParsableArguments {
        @Option(name: .customLong("config"), help: "Site file.") var siteFile: String
        @Option(help: "The site's calibration folder, e.g. Calibration/records/kumamoto-well-07.") var calibration: String
        @Option(help: "Channel id from the site file.") var channel: String
        @Flag(help: "Use the simulated board.") var simulate = false
        @Option(help: "Who measured (name and organisation).") var by: String
        @Option(help: "Reference instrument (make, serial, certificate).") var instrument: String
        @Option(help: "Free-text notes for the record.") var notes: String?

        func open() throws -> (LoadedSite, CalibrationStore, ChannelProbe) {
            LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
            let loaded = try SiteLoader.load(siteFile: siteFile)
            let store = try CalibrationStore.load(directory: calibration)
            let probe = try ChannelProbe(site: loaded.site, channel: ChannelID(channel), simulate: simulate,
                                         log: Logger(label: "calibrate"))
            return (loaded, store, probe)
        }

        func write(_ method: RecordMethod, store: CalibrationStore) throws -> CalibrationRecord {
            let now = UnixTime(seconds: Date().timeIntervalSince1970)
            let stamp = CivilTime.jst(now).iso8601.prefix(19).replacingOccurrences(of: ":", with: "")
                .replacingOccurrences(of: "T", with: "-")
            let record = CalibrationRecord(id: "\(channel)-\(method.name.rawValue)-\(stamp)", channel: ChannelID(channel),
                                           method: method, validFrom: now, measuredBy: by,
                                           referenceInstrument: instrument, notes: notes)
            try CalibrationWriter.append(record: record, to: calibration + "/\(channel).yaml")
            print("wrote record \(record.id) to \(calibration)/\(channel).yaml")
            return record
        }
    }

    struct Offset: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "offset", abstract: "Offset so the current reading equals a reference value.")
        @OptionGroup var context: CalibrationContext
        @Option(help: "The reference instrument's value, in the channel's unit.") var reference: Double

        func run() throws {
            let (_, store, probe) = try context.open()
            let raw = try probe.readRaw()
            let now = UnixTime(seconds: Date().timeIntervalSince1970)
            let before = store.current(channel: probe.spec.id, at: now, purpose: .valueCorrection)
            let record = try context.write(.offset(reference - raw.value), store: store)
            print("raw \(raw); before \(before?.apply(raw.value) ?? raw.value) \(raw.unit) (\(before?.id ?? "uncalibrated")); after \(record.apply(raw.value) ?? raw.value) \(raw.unit)")
        }
    }

    struct Linear: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "linear", abstract: "Least-squares line through raw=reference points.")
        @OptionGroup var context: CalibrationContext
        @Option(help: "Points as \"raw=reference,raw=reference,...\" in the channel's unit.") var points: String

        func run() throws {
            let parsed = try points.split(separator: ",").map { pair -> CalibrationPoint in
                let parts = pair.split(separator: "=")
                guard parts.count == 2, let raw = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                      let ref = Double(parts[1].trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--points: \"\(pair)\" is not raw=reference")
                }
                return CalibrationPoint(raw: raw, reference: ref)
            }
            let sorted = parsed.sorted { $0.raw < $1.raw }
            guard let fit = LinearFit(sorted) else {
                throw ValidationError("--points: need at least two points with different raw values")
            }
            let (_, store, probe) = try context.open()
            let now = UnixTime(seconds: Date().timeIntervalSince1970)
            let before = store.current(channel: probe.spec.id, at: now, purpose: .valueCorrection)
            let record = try context.write(.leastSquares(points: sorted, fit: fit), store: store)
            print("gain \(fit.gain), offset \(fit.offset)")
            for p in sorted {
                print("  raw \(p.raw): reference \(p.reference), before \(before?.apply(p.raw) ?? p.raw), after \(record.apply(p.raw) ?? p.raw)")
            }
        }
    }

    struct WellReference: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "well-reference", abstract: "Tape check: derive the sensor depth from a manual depth-to-water and report drift.")
        @OptionGroup var context: CalibrationContext
        @Option(help: "Tape depth to water below the measuring point, in metres.") var tape: Double
        @Option(help: "Measuring-point height above land surface (m); default: the previous record's.") var mpHeight: Double?
        @Option(help: "Measuring-point elevation (m); default: the previous record's.") var mpElevation: Double?

        func run() throws {
            let (_, store, probe) = try context.open()
            let now = UnixTime(seconds: Date().timeIntervalSince1970)
            let raw = try probe.readRaw()
            guard raw.unit == "m" else { throw ValidationError("channel \(context.channel) reads \(raw.unit), not a water column in m") }
            let column = store.current(channel: probe.spec.id, at: now, purpose: .valueCorrection)?.apply(raw.value) ?? raw.value
            let previous = store.current(channel: probe.spec.id, at: now, purpose: .waterLevelDatum)
            var previousTape: TapeReferenceRecord?
            if case .tapeReference(let t)? = previous?.method { previousTape = t }
            let reference = TapeReferenceRecord(
                tapeDepth: Metres(tape), sensorColumn: Metres(column),
                measuringPointHeight: mpHeight.map(Metres.init) ?? previousTape?.measuringPointHeight,
                measuringPointElevation: mpElevation.map(Metres.init) ?? previousTape?.measuringPointElevation)
            _ = try context.write(.tapeReference(reference), store: store)
            print("water column \(column) m; sensor depth below MP \(reference.sensorDepth.value) m")
            if let old = previousTape {
                print("previous reference \(previous!.id): sensor depth \(old.sensorDepth.value) m; depth to water by it \(old.sensorDepth.value - column) m")
                print("drift \(reference.sensorDepth.value - old.sensorDepth.value) m (new − previous sensor depth)")
            } else {
                print("no previous tape reference: this is the first datum for \(context.channel)")
            }
        }
    }

    struct FlowKFactor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "flow-kfactor", abstract: "Bucket test: count pulses until you confirm N litres have passed (press Enter).")
        @OptionGroup var context: CalibrationContext
        @Option(help: "Litres that passed through the meter during the test.") var litres: Double

        func run() throws {
            guard litres > 0 else { throw ValidationError("--litres must be positive") }
            let (loaded, store, probe) = try context.open()
            guard case .pulseFlow(_, let nominal, _) = probe.spec.driver else {
                throw ValidationError("channel \(context.channel) is not a pulse-flow meter")
            }
            print("counting pulses on \(context.channel); run \(litres) l through the meter, then press Enter")
            _ = readLine()
            let pulses = probe.pulsesSinceOpen()
            guard pulses > 0 else { throw ValidationError("no pulses counted on \(context.channel): is the meter wired to \(loaded.site.board.name)?") }
            let now = UnixTime(seconds: Date().timeIntervalSince1970)
            var oldK = nominal
            if case .kFactor(let k)? = store.current(channel: probe.spec.id, at: now, purpose: .pulseScale)?.method { oldK = k.pulsesPerLitre }
            let k = Double(pulses) / litres
            let test = KFactorRecord.BucketTest(pulses: PulseCount(Double(pulses)), litres: Litres(litres))
            _ = try context.write(.kFactor(KFactorRecord(pulsesPerLitre: k, bucketTest: test)), store: store)
            print("\(pulses) pulses for \(litres) l: K-factor \(k) pulses/l (was \(oldK)); the meter read \(Double(pulses) / oldK) l before, \(litres) l after")
        }
    }
}
