import GatewayCore
import Journal

/// The channels of a running gateway, from its journal (opened read-only beside the daemon).
public enum JournalChannelViews {
    /// Name of the journal counter of pulses a channel's debounce rejected (written by the daemon).
    public static func rejectedCounterName(_ channel: ChannelID) -> String { "rejected-glitches:\(channel)" }

    public static func read(site: Site, journal: JournalReader, historyLength: Int = 16) throws(JournalError) -> [ChannelView] {
        var views: [ChannelView] = []
        for spec in site.channels {
            var view = ChannelView(spec: spec)
            let readings = try journal.recent(device: site.device, channel: spec.id, limit: historyLength)
            if let last = readings.last {
                view.value = last.value?.value
                view.quality = last.quality.rawValue
                view.time = last.time
                view.calibrationID = last.calibrationID
                view.fault = last.fault
                view.total = last.sum?.value
                view.sequence = last.key.sequence
                if spec.driver.isPulseCounter, let amount = last.value?.value, spec.interval.value > 0 {
                    view.ratePerMinute = amount / spec.interval.value * 60
                }
            }
            view.history = readings.compactMap { $0.value?.value }
            if spec.driver.isPulseCounter, let count = try journal.counter(rejectedCounterName(spec.id)) {
                view.rejectedGlitches = UInt64(max(0, count))
            }
            views.append(view)
        }
        return views
    }
}
