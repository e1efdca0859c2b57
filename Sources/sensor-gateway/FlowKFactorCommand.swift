import BoardCommandLine
import FieldText
import CalibrationStore
import CSystem
import GatewayCore
import GatewayRuntime
import SiteConfig

/// `sensor-gateway calibrate flow-kfactor`: the bucket test that sets a flow meter's pulses per litre.
struct FlowKFactorCommand: FieldCommand {
    static let declaration = CommandDeclaration(
        name: "flow-kfactor",
        abstract: .flowKFactor,
        options: CalibrationSession.options + [
            .required("litres", .decimal, help: .flowKFactorLitres),
        ])

    let session: CalibrationSession
    let litres: Double

    init(_ arguments: ParsedArguments) {
        session = CalibrationSession(arguments)
        litres = arguments.requiredNumber("litres")
    }

    func run() throws(CommandFailure) {
        guard litres > 0 else { throw .usage(FieldText.say(.calibrateLitresPositive)) }
        let opened = try session.open()
        let probe = opened.probe
        guard case .pulseFlow(_, let nominal, _) = probe.spec.driver else {
            throw .usage(FieldText.say(.calibrateNotFlowMeter, ["\(session.channel)"]))
        }
        print(FieldText.say(.calibrateKFactorPrompt, [session.channel, "\(litres)"]))
        FlowKFactorCommand.waitForEnter()
        let pulses = probe.pulsesSinceOpen()
        guard pulses > 0 else {
            throw .usage(FieldText.say(.calibrateNoPulses, ["\(session.channel)", "\(opened.loaded.site.board.name)"]))
        }
        var oldK = nominal
        if case .kFactor(let k)? = opened.store.current(channel: probe.spec.id, at: WallClock.now(), purpose: .pulseScale)?.method {
            oldK = k.pulsesPerLitre
        }
        let k = Double(pulses) / litres
        let test = KFactorRecord.BucketTest(pulses: PulseCount(Double(pulses)), litres: Litres(litres))
        _ = try session.write(.kFactor(KFactorRecord(pulsesPerLitre: k, bucketTest: test)), store: opened.store)
        print(FieldText.say(.calibrateKFactorResult, ["\(pulses)", "\(litres)", "\(k)", "\(oldK)", "\(Double(pulses) / oldK)"]))
    }

    /// Returns when a line (or end of input) arrives on stdin; the prompt is flushed first.
    static func waitForEnter() {
        fflush(sgw_stdout())
        while true {
            let c = getchar()
            if c == EOF || c == 10 { return }
        }
    }
}
