import BoardIO
import GatewayCore
import Platform

/// Opens every pulse line of a site and counts what arrives for a few seconds: edges as the kernel reports them,
/// and pulses as the gateway would count them through the channel's debounce.
enum PulseLineListener {
    static func listen(site: Site, on hardware: VisitHardware, seconds: Double) -> [SiteScan.Line] {
        struct Open {
            var index: Int
            var source: any EdgeEventSource
            var counter: PulseCounter
        }
        var lines: [SiteScan.Line] = []
        var open: [Open] = []
        for channel in site.channels {
            let reference: GPIOLineReference, debounceMs: Double
            switch channel.driver {
            case .pulseFlow(let l, _, let d): (reference, debounceMs) = (l, d)
            case .pulseEnergy(let l, _, _, _, let d): (reference, debounceMs) = (l, d)
            default: continue
            }
            var line = SiteScan.Line(channel: channel.id, reference: reference, edges: 0, pulses: 0,
                                     lastLevelActive: nil, problem: nil)
            do {
                let source = try hardware.gpio.requestEdges(reference.line, detect: .both, activeLow: reference.activeLow,
                                                            bias: reference.bias, consumer: "sensor-gateway-scan:\(channel.id)")
                let debounce = debounceMs.isFinite && debounceMs >= 0 && debounceMs <= 1000 ? debounceMs : 0
                open.append(Open(index: lines.count, source: source, counter: PulseCounter(debounce: Duration(debounce / 1000))))
            } catch {
                line.problem = error.reason
            }
            lines.append(line)
        }
        let end = hardware.clock.nowNanoseconds() + UInt64(max(0, seconds) * 1e9)
        while !open.isEmpty, hardware.clock.nowNanoseconds() < end {
            let slice = max(1, min(100, Int((end - min(end, hardware.clock.nowNanoseconds())) / 1_000_000) / open.count))
            for i in open.indices {
                do {
                    let events = try open[i].source.waitForEvents(timeoutMilliseconds: slice)
                    open[i].counter.record(events)
                    lines[open[i].index].edges += events.count
                    if let last = events.last { lines[open[i].index].lastLevelActive = last.kind == .rising }
                } catch {
                    lines[open[i].index].problem = error.reason
                }
            }
        }
        let now = hardware.clock.nowNanoseconds()
        for i in open.indices {
            open[i].counter.settle(now: now)
            lines[open[i].index].pulses = open[i].counter.total
            open[i].source.close()
        }
        return lines
    }
}
