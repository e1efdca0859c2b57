import BoardCommandLine
import FieldText
import CalibrationStore
import GatewayCore
import GatewayRuntime

/// `sensor-gateway calibrate linear`: gain and offset fitted through several raw=reference points.
struct LinearCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "linear", abstract: .linear,
        options: CalibrationSession.options + [
            .required("points", help: .linearPoints),
        ])

    let session: CalibrationSession
    let points: String

    init(_ arguments: ParsedArguments) {
        session = CalibrationSession(arguments)
        points = arguments.required("points")
    }

    /// `1.0=2.5, 3=7` as points; spaces around numbers are allowed.
    static func parsePoints(_ text: String) throws(CommandFailure) -> [CalibrationPoint] {
        var parsed: [CalibrationPoint] = []
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let raw = Double(trimmingSpaces(parts[0])), let reference = Double(trimmingSpaces(parts[1])) else {
                throw .usage(FieldText.say(.calibratePointForm, [String(pair)]))
            }
            parsed.append(CalibrationPoint(raw: raw, reference: reference))
        }
        return parsed
    }

    static func trimmingSpaces(_ text: Substring) -> String {
        var trimmed = text
        while trimmed.first == " " || trimmed.first == "\t" { trimmed.removeFirst() }
        while trimmed.last == " " || trimmed.last == "\t" { trimmed.removeLast() }
        return String(trimmed)
    }

    func run() throws(CommandFailure) {
        let sorted = try LinearCommand.parsePoints(points).sorted { $0.raw < $1.raw }
        guard let fit = LinearFit(sorted) else {
            throw .usage(FieldText.say(.calibrateTwoPoints))
        }
        let opened = try session.open()
        let before = opened.store.current(channel: opened.probe.spec.id, at: WallClock.now(), purpose: .valueCorrection)
        let record = try session.write(.leastSquares(points: sorted, fit: fit), store: opened.store)
        print(FieldText.say(.calibrateLinearFit, ["\(fit.gain)", "\(fit.offset)"]))
        for p in sorted {
            print(FieldText.say(.calibrateLinearPoint, ["\(p.raw)", "\(p.reference)", "\(before?.apply(p.raw) ?? p.raw)",
                                                     "\(record.apply(p.raw) ?? p.raw)"]))
        }
    }
}
