import BoardCommandLine
import FieldText
import CalibrationStore
import GatewayCore
import GatewayRuntime

/// `sensor-gateway calibrate well-reference`: the tape check that ties a pressure sensor to the well's datum.
struct WellReferenceCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "well-reference",
        abstract: .wellReference,
        options: CalibrationSession.options + [
            .required("tape", .decimal, help: .wellReferenceTape),
            .optional("mp-height", .decimal, help: .wellReferenceMPHeight),
            .optional("mp-elevation", .decimal, help: .wellReferenceMPElevation),
        ])

    let session: CalibrationSession
    let tape: Metres
    let measuringPointHeight: Metres?
    let measuringPointElevation: Metres?

    init(_ arguments: ParsedArguments) {
        session = CalibrationSession(arguments)
        tape = Metres(arguments.requiredNumber("tape", as: Double.self))
        measuringPointHeight = arguments.number("mp-height", as: Double.self).map { Metres($0) }
        measuringPointElevation = arguments.number("mp-elevation", as: Double.self).map { Metres($0) }
    }

    func run() throws(CommandFailure) {
        let opened = try session.open()
        let store = opened.store
        let probe = opened.probe
        let now = WallClock.now()
        let raw: MeasuredValue
        do { raw = try probe.readRaw() } catch { throw .failed(error.fieldProblem.text()) }
        guard raw.unit == "m" else { throw .usage(FieldText.say(.calibrateNotWaterColumn, ["\(session.channel)", "\(raw.unit)"])) }
        let column = store.current(channel: probe.spec.id, at: now, purpose: .valueCorrection)?.apply(raw.value) ?? raw.value
        let previous = store.current(channel: probe.spec.id, at: now, purpose: .waterLevelDatum)
        var previousTape: TapeReferenceRecord?
        if case .tapeReference(let t)? = previous?.method { previousTape = t }
        let reference = TapeReferenceRecord(
            tapeDepth: tape, sensorColumn: Metres(column),
            measuringPointHeight: measuringPointHeight ?? previousTape?.measuringPointHeight,
            measuringPointElevation: measuringPointElevation ?? previousTape?.measuringPointElevation)
        _ = try session.write(.tapeReference(reference), store: store)
        print(FieldText.say(.calibrateWellColumn, ["\(column)", "\(reference.sensorDepth.value)"]))
        if let old = previousTape, let previous {
            print(FieldText.say(.calibrateWellPrevious, [previous.id, "\(old.sensorDepth.value)", "\(old.sensorDepth.value - column)"]))
            print(FieldText.say(.calibrateWellDrift, ["\(reference.sensorDepth.value - old.sensorDepth.value)"]))
        } else {
            print(FieldText.say(.calibrateWellFirst, [session.channel]))
        }
    }
}
