/// Every sentence `scan`, `check`, `watch`, `calibrate` and `commission` show a technician, by id. The text of
/// each, in each language, is in `FieldCatalogue`; `{1}`, `{2}` … are filled in order by `FieldText.say`.
public enum FieldMessage: String, Sendable, Hashable, CaseIterable {
    // The one shape of a technician-facing problem (`TechnicianNotice`).
    case likelyCause, whatToDo
    // scan --config
    case scanHeading, scanSensorFound, scanSensorSilentHappened, scanSensorSilentCause, scanSensorSilentAction
    case scanWrongChipHappened, scanWrongChipCause, scanWrongChipAction
    case scanBusHappened, scanBusCause, scanBusAction
    case scanUnexpected, scanUnidentified
    case scanLineSeen, scanLineIdle, scanLevelActive, scanLevelIdle, scanLevelUnknown
    case scanLineHappened, scanLineCause, scanLineAction
    case scanListening, scanMatches, scanMismatch, scanExtrasOnly
    // check
    case checkSiteOK, checkCalibrationOK, checkCertificateName
    // watch
    case watchHeading, watchSourceJournal, watchSourceStandalone, watchColumns, watchNoReading, watchLine
    case watchJournalHappened, watchJournalCause, watchJournalAction
    // calibrate
    case calibrateWrote, calibrateOffsetResult, calibrateLinearFit, calibrateLinearPoint, calibrateWellColumn
    case calibrateWellPrevious, calibrateWellDrift, calibrateWellFirst, calibrateKFactorPrompt, calibrateKFactorResult
    // commission
    case commissionHeading, commissionChannel, commissionRegisterPrompt, commissionReferencePrompt
    case commissionFirstVisit, commissionDrift, commissionNoTotal, commissionWrote, commissionCorrectionWritten
    case commissionCorrectionOffered, commissionScanFailed, commissionNotNumber, commissionWhoPrompt
    case commissionInstrumentPrompt
    // sensor faults worded for the technician
    case loopCurrentLowHappened, loopCurrentLowCause, loopCurrentLowAction
    case loopCurrentHighHappened, loopCurrentHighCause, loopCurrentHighAction
    case pulsesRejected
}
