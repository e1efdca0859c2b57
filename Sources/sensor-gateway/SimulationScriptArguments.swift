import CalibrationStore
import GatewayCore
import SimulatedBoard

/// The scripted events of a simulated run, from the command line:
/// `--simulated-sensor-fault CHANNEL@START/END[,…]` and `--simulated-clock-error ±SECONDS@START/END[,…]`,
/// and `--simulated-paddy-season START/END[,START/END…]` (the season, then its drained interruptions),
/// with START and END ISO 8601 instants with an offset, in the simulation's true time.
enum SimulationScriptArguments {
    /// The script, or the first item that is not one (to name in the usage error).
    static func script(sensorFaults: String?, clockErrors: String?, paddySeason: String? = nil) -> Result<SimulationScript, Refused> {
        var script = SimulationScript()
        for item in items(sensorFaults) {
            guard let (channel, from, to) = split(item), !channel.isEmpty else { return .failure(Refused(item: item)) }
            script.sensorFaults.append(.init(channel: channel, from: from, to: to))
        }
        for item in items(clockErrors) {
            guard let (amount, from, to) = split(item), let seconds = Double(amount), seconds.isFinite,
                  seconds != 0, abs(seconds) < 1e9 else { return .failure(Refused(item: item)) }
            script.clockErrors.append(.init(milliseconds: Int64((seconds * 1000).rounded()), from: from, to: to))
        }
        var spans: [PaddySeason.Span] = []
        for item in items(paddySeason) {
            guard let (nothing, from, to) = split("@" + item), nothing.isEmpty else { return .failure(Refused(item: item)) }
            let span = PaddySeason.Span(from: from, to: to)
            // An interruption lies inside the season.
            if let season = spans.first, from.milliseconds < season.from.milliseconds || to.milliseconds > season.to.milliseconds {
                return .failure(Refused(item: item))
            }
            spans.append(span)
        }
        if let season = spans.first { script.paddySeason = PaddySeason(flooded: season, drained: Array(spans.dropFirst())) }
        return .success(script)
    }

    struct Refused: Error {
        var item: String
    }

    private static func items(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map(String.init)
    }

    /// `WHAT@START/END` with END after START.
    private static func split(_ item: String) -> (String, UnixTime, UnixTime)? {
        let at = item.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard at.count == 2 else { return nil }
        let span = at[1].split(separator: "/", omittingEmptySubsequences: false)
        guard span.count == 2, let from = ISO8601Instant.parse(String(span[0])), let to = ISO8601Instant.parse(String(span[1])),
              to.milliseconds > from.milliseconds else { return nil }
        return (String(at[0]), from, to)
    }
}
