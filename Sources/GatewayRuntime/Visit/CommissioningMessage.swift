import CalibrationStore
import GatewayCore
import SenML

/// What the board tells the city about technicians' visits: the last visit (who, when, whether the board matched
/// its site file) with the register drift it found against the visit before, published retained on
/// `<prefix>/<site>/<device>/commissioning`; and, for the status message, the register gaps recorded as
/// corrections, summed per channel (losses the gateway's own totals cannot show).
public struct CommissioningMessage: Sendable {
    public struct Drift: Sendable, Hashable {
        public var channel: ChannelID
        public var drift: RegisterDrift
        public var since: String
    }

    public var lastVisit: CommissioningRecord
    public var drifts: [Drift]
    public var registerLosses: [String: Double]

    /// From the site's visits file; nil when no technician has visited (or the file cannot be read).
    /// `site` gives each meter's declared register, so drift is told across its wrap.
    public static func load(calibrationFolder: String, site: Site? = nil) -> CommissioningMessage? {
        guard let records = try? CommissioningLog.load(calibrationFolder: calibrationFolder),
              let index = records.lastIndex(where: { $0.kind == .visit }) else { return nil }
        let last = records[index]
        var drifts: [Drift] = []
        for entry in last.registers {
            guard let earlier = records[..<index].last(where: { $0.kind == .visit && $0.register(of: entry.channel) != nil }),
                  let before = earlier.register(of: entry.channel),
                  let drift = RegisterDrift.between(unit: entry.unit, previousRegister: before.register,
                                                    previousTotal: before.gatewayTotal, register: entry.register,
                                                    total: entry.gatewayTotal, meter: site?.channel(entry.channel)?.register,
                                                    hours: Double(last.validFrom.milliseconds - earlier.validFrom.milliseconds) / 3_600_000)
            else { continue }
            drifts.append(Drift(channel: entry.channel, drift: drift, since: earlier.id))
        }
        var losses: [String: Double] = [:]
        for record in records where record.kind == .correction {
            for c in record.corrections { losses[c.channel.rawValue, default: 0] += c.gap }
        }
        return CommissioningMessage(lastVisit: last, drifts: drifts, registerLosses: losses)
    }

    /// The retained JSON: members in name order, as the status message writes them.
    public func encoded() -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 512)
        json.beginObject()
        json.key("device"); json.string(lastVisit.device.rawValue)
        json.key("drift")
        json.beginArray()
        for d in drifts where JSONWriter.isWritable(d.drift.gap) {
            json.beginObject()
            json.key("channel"); json.string(d.channel.rawValue)
            json.key("gap"); json.number(d.drift.gap)
            json.key("gatewayAdvance"); json.number(d.drift.gatewayAdvance)
            json.key("registerAdvance"); json.number(d.drift.registerAdvance)
            json.key("since"); json.string(d.since)
            json.key("unit"); json.string(d.drift.unit)
            json.endObject()
        }
        json.endArray()
        json.key("id"); json.string(lastVisit.id)
        json.key("instruments"); json.string(lastVisit.instruments)
        json.key("measuredBy"); json.string(lastVisit.measuredBy)
        json.key("scan"); json.string(lastVisit.scanMatched ? "matches" : "mismatch")
        json.key("site"); json.string(lastVisit.site.rawValue)
        json.key("time"); json.number(lastVisit.validFrom.seconds)
        json.endObject()
        return json.bytes
    }
}
