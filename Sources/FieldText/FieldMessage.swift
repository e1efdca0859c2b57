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
    // scan without a site file: the buses and chips of this board
    case scanNoAdapters, scanAdapters, scanNoAdapterName, scanNotScanned, scanAnswersUnidentified, scanKernelDriver
    case scanKernelDriverName, scanNoDeviceAnswered, scanNoGPIOChips, scanGPIOChips, scanGPIOChip, scanGPIOLine
    case scanLineUsedBy, scanLineFree, scanLineUnnamed, scanLineKernel, scanCannotRead
    // check
    case checkSiteOK, checkCalibrationOK, checkCertificateName, checkCertificateNameCause, checkCertificateNameAction
    case checkNoCommonName
    // watch
    case watchHeading, watchSourceJournal, watchSourceStandalone, watchColumns, watchNoReading, watchLine
    case watchJournalHappened, watchJournalCause, watchJournalAction
    case watchQualityGood, watchQualityClockUnsync, watchQualitySaturated, watchQualityFault
    // calibrate
    case calibrateUncalibrated
    case calibrateWrote, calibrateOffsetResult, calibrateLinearFit, calibrateLinearPoint, calibrateWellColumn
    case calibrateWellPrevious, calibrateWellDrift, calibrateWellFirst, calibrateKFactorPrompt, calibrateKFactorResult
    // commission
    case commissionHeading, commissionChannel, commissionRegisterPrompt, commissionReferencePrompt
    case commissionFirstVisit, commissionDrift, commissionNoTotal, commissionWrote, commissionCorrectionWritten
    case commissionCorrectionOffered, commissionScanFailed, commissionNotNumber, commissionWhoPrompt
    case commissionInstrumentPrompt, commissionRegisterWrapped, commissionMeterReplaced
    case commissionRegisterWentBack
    // sensor faults worded for the technician
    case loopCurrentLowHappened, loopCurrentLowCause, loopCurrentLowAction
    case loopCurrentHighHappened, loopCurrentHighCause, loopCurrentHighAction
    case loopCurrentUnreadableHappened, loopCurrentUnreadableCause, loopCurrentUnreadableAction
    case pulsesRejected
    // driver and daemon faults: I2C transfers
    case i2cNoAcknowledgeHappened
    case i2cTimeoutHappened, i2cTimeoutCause, i2cTimeoutAction
    case i2cBusErrorHappened, i2cBusErrorCause, i2cBusErrorAction
    case i2cUnsupportedHappened, i2cUnsupportedCause, i2cUnsupportedAction
    case i2cOtherHappened, i2cOtherCause, i2cOtherAction
    // driver faults: the chip answered, but not well
    case sensorChecksumHappened, sensorChecksumCause, sensorChecksumAction
    case sensorConversionTimeoutHappened, sensorNoConversionHappened, sensorStuckCause, sensorStuckAction
    case sensorOverRangeHappened, sensorOverRangeCause, sensorOverRangeAction
    case sensorImplausibleHappened, sensorImplausibleCause, sensorImplausibleAction
    case sensorUnsupportedSettingHappened, sensorUnsupportedSettingCause, sensorUnsupportedSettingAction
    // pulse lines
    case gpioHappened
    case pulseReaderHappened, pulseReaderCause, pulseReaderAction
    // the journal
    case journalHappened
    case journalBusyCause, journalBusyAction, journalNotWritableCause, journalNotWritableAction
    case journalCardCause, journalCardAction, journalDamagedCause, journalDamagedAction
    case journalFullCause, journalFullAction, journalCannotOpenCause, journalCannotOpenAction
    case journalOtherCause, journalOtherAction
    // the broker
    case mqttUnreachableHappened, mqttUnreachableCause, mqttUnreachableAction
    case mqttRefusedHappened, mqttRefusedCause, mqttRefusedAction
    case mqttTLSHappened, mqttTLSCause, mqttTLSAction
    case mqttProtocolHappened, mqttProtocolCause, mqttProtocolAction
    // site, board and calibration files; the daemon's start
    case asGiven
    case siteFileCause, siteFileAction
    case calibrationFileCause, calibrationFileAction
    case startupCause, startupAction
    // the commissioning log (the visits file beside the calibration records)
    case commissioningStorageHappened, commissioningStorageCause, commissioningStorageAction
    case commissioningDamagedCause, commissioningDamagedAction
    case commissioningDuplicateHappened, commissioningDuplicateCause, commissioningDuplicateAction
    case commissioningDatedBeforeHappened, commissioningClockCause, commissioningClockAction
    // the command line: usage errors of every command (help itself is `HelpMessage`)
    case usageErrorLine, usageHelpLine, usageSynopsisLine, usageSeeHelp
    case usageMissingValue, usageInvalidValue, usageFlagGivenAValue, usageUnknownOption, usageUnknownOptionSuggestion
    case usageUnexpectedArgument, usageUnexpectedArguments, usageMissingOption
    // the visit commands' own checks of the values given
    case visitNeedsConfig, optionSecondsRange, watchCountRange, watchCalibrationStandalone, checkNeedsInput, commissionPairForm, commissionNoPromptNeeds, commissionNoSuchChannel
    case brokerUsernameWithoutPasswordFile, brokerCertificateWithoutKey, brokerCertificateWithoutCA
    case brokerPlaintextContradictsCA, brokerUnreadableFile, brokerPasswordFileUnreadable
    case commissionNeedsWho, calibratePointForm, calibrateTwoPoints, calibrateLitresPositive, calibrateNotFlowMeter, calibrateNoPulses, calibrateNotWaterColumn
    // run's own checks of the values given
    case runBrokerForm, runKeepaliveRange, runJournalPolicyChoice, runJournalBudgetRange, runReplayRange
    case runSpeedupRange, runSpeedupNeedsSimulate, runSimulatedClockNeedsSimulate, runSimulatedClockOrSpeedup
    case runSimulatedClockForm, runSimulationScriptForm, runScriptNeedsSimulatedClock
}
