import BoardLog
import CalibrationStore
import GatewayCore

/// The site's calibration records as the sampling loop applies them. When a technician appends a record
/// (`sensor-gateway calibrate …` or by hand) the folder is re-read, so the next reading carries the new
/// correction and its id without a restart. A folder that no longer validates keeps the last good records
/// in force and says why once.
final class LiveCalibrations {
    private let directory: String?
    private let log: Logger
    private(set) var store = CalibrationStore(records: [])
    private var fingerprint = RecordFolderFingerprint()
    /// When the folder was last looked at, on the wall clock (nil: never).
    private var lastCheck: UnixTime?
    private var reportedProblem: String?

    init(directory: String?, log: Logger) throws(CalibrationErrors) {
        self.directory = directory
        self.log = log
        if let directory {
            store = try CalibrationStore.load(directory: directory)
            fingerprint = RecordFolderFingerprint(directory: directory)
        }
    }

    /// Re-reads the folder if any record file changed; checked at most every two seconds.
    func refreshIfChanged() {
        guard let directory else { return }
        let time = WallClock.now()
        if let lastCheck, time.milliseconds >= lastCheck.milliseconds, time.milliseconds - lastCheck.milliseconds < 2000 {
            return
        }
        lastCheck = time
        let now = RecordFolderFingerprint(directory: directory)
        guard now != fingerprint else { return }
        fingerprint = now
        do {
            store = try CalibrationStore.load(directory: directory)
            reportedProblem = nil
            log.notice("calibration records in \(directory) reloaded (\(store.records.count) records)")
        } catch {
            if reportedProblem != error.description {
                log.error("calibration records in \(directory) no longer validate; keeping the previous ones: \(error)")
                reportedProblem = error.description
            }
        }
    }

    /// Applies the value correction in force for the channel at `time`; returns the value and the record id.
    func corrected(_ value: MeasuredValue, channel: ChannelID, at time: UnixTime) -> (MeasuredValue, String?) {
        guard let record = store.current(channel: channel, at: time, purpose: .valueCorrection),
              let v = record.apply(value.value) else { return (value, nil) }
        return (MeasuredValue(v, value.unit), record.id)
    }

    func kFactor(channel: ChannelID, at time: UnixTime) -> (pulsesPerLitre: Double, id: String)? {
        guard let record = store.current(channel: channel, at: time, purpose: .pulseScale),
              case .kFactor(let k) = record.method else { return nil }
        return (k.pulsesPerLitre, record.id)
    }

    func tapeReference(channel: ChannelID, at time: UnixTime) -> (TapeReferenceRecord, String)? {
        guard let record = store.current(channel: channel, at: time, purpose: .waterLevelDatum),
              case .tapeReference(let t) = record.method else { return nil }
        return (t, record.id)
    }
}
