import BoardCommandLine
import FieldText
import CalibrationStore
import GatewayCore
import GatewayRuntime

/// `sensor-gateway calibrate offset`: shift a channel so it reads what the reference instrument reads.
struct OffsetCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "offset", abstract: .offset,
        options: CalibrationSession.options + [
            .required("reference", .decimal, help: .offsetReference),
        ])

    let session: CalibrationSession
    let reference: Double

    init(_ arguments: ParsedArguments) {
        session = CalibrationSession(arguments)
        reference = arguments.requiredNumber("reference")
    }

    func run() throws(CommandFailure) {
        let opened = try session.open()
        let raw: MeasuredValue
        do { raw = try opened.probe.readRaw() } catch { throw .failed(error.fieldProblem.text()) }
        let before = opened.store.current(channel: opened.probe.spec.id, at: WallClock.now(), purpose: .valueCorrection)
        let record = try session.write(.offset(reference - raw.value), store: opened.store)
        print(FieldText.say(.calibrateOffsetResult, ["\(raw)", "\(before?.apply(raw.value) ?? raw.value)", raw.unit,
                                                 before?.id ?? FieldText.say(.calibrateUncalibrated), "\(record.apply(raw.value) ?? raw.value)"]))
    }
}
