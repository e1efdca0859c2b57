import GatewayCore

/// Every calibration a gateway knows, read once at start-up from its calibration directory.
public struct CalibrationStore: Sendable {
    /// All records, oldest `validFrom` first.
    public let records: [CalibrationRecord]

    public init(records: [CalibrationRecord]) {
        self.records = records.sorted { ($0.validFrom, $0.id) < ($1.validFrom, $1.id) }
    }

    /// Reads every `*.yaml` file directly in `directory` and refuses the lot if any of it is wrong: a gateway
    /// must not publish numbers under a calibration nobody can vouch for.
    public static func load(directory: String) throws(CalibrationErrors) -> CalibrationStore {
        let read = CalibrationDirectory.read(directory)
        guard read.errors.isEmpty else { throw CalibrationErrors(read.errors, notKept: read.notKept) }
        return CalibrationStore(records: read.files.flatMap { $0.entries.map { $0.record } })
    }

    /// The record of `purpose` in force for `channel` at `time`: the latest `validFrom` not after `time`.
    /// Records dated in the future are already on file but not yet in force.
    public func current(channel: ChannelID, at time: UnixTime, purpose: CalibrationPurpose) -> CalibrationRecord? {
        records.last { $0.channel == channel && $0.method.purpose == purpose && $0.validFrom <= time }
    }

    /// Every record for `channel`, superseded ones included, oldest first.
    public func history(channel: ChannelID) -> [CalibrationRecord] {
        records.filter { $0.channel == channel }
    }

    /// Every record for the instrument with this serial, wherever it was installed, oldest first.
    public func history(serial: String) -> [CalibrationRecord] {
        records.filter { $0.serial == serial }
    }

    /// The record a reading or a recharge figure cites.
    public func record(id: String) -> CalibrationRecord? {
        records.first { $0.id == id }
    }
}
