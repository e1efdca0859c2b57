import GatewayCore

/// Issue 16: a value that is NaN or infinite never leaves a sensor as a number. JSON cannot carry one, and a
/// pack holding one used to go out as `[]` with every reading in it marked sent. Such a value comes from a
/// factor in a file (a calibration gain of 1e308, `pulses-per-litre: 1e-320`, a `multiplier: 1e308`), so the
/// reading becomes a fault of its own channel naming the factor to check, and the rest of the tick is unaffected.
enum NonFiniteValues {
    static func isFinite(_ value: MeasuredValue?) -> Bool { value.map { $0.value.isFinite } ?? true }

    /// Why a calibrated sensor value cannot be published, or nil if it can.
    static func calibratedFault(raw: MeasuredValue, corrected: MeasuredValue, calibrationID: String?) -> String? {
        guard !isFinite(corrected) || !isFinite(raw) else { return nil }
        if !isFinite(raw) {
            return "the sensor value is not a finite number (\(raw.value)); check the channel's scaling in the site file"
        }
        return "calibrated value is not a finite number (raw \(raw.value) \(raw.unit), calibration record "
            + "\(calibrationID ?? "(none)")): check that record's factors, then record a corrected one"
    }

    /// Why a pulse channel's increment or total cannot be published, or nil if it can.
    static func pulseFault(increment: MeasuredValue, total: MeasuredValue, pulses: UInt64, calibrationID: String?) -> String? {
        guard !isFinite(increment) || !isFinite(total) else { return nil }
        let source = calibrationID.map { "K-factor record \($0)" } ?? "the site file"
        return "\(pulses) pulses scale to a value that is not a finite number: check pulses-per-litre, "
            + "impulses-per-kWh and multiplier in \(source); pulses are still counted"
    }

    /// Why a derived value cannot be published, or nil if it can.
    static func derivedFault(_ value: MeasuredValue, sum: MeasuredValue?, method: String) -> String? {
        guard !isFinite(value) || !isFinite(sum) else { return nil }
        return "derived value is not a finite number (\(method)): check the site's factors for this quantity"
    }
}
