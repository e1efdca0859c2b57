/// Every sentence of the board program's `--help`, by id: what each command and option is for, and the words
/// around them (`OVERVIEW:`, `USAGE:`, section titles, defaults). The text of each, in each language, is in
/// `FieldCatalogue` (FieldCatalogue+Help.swift); `{1}`, `{2}` … are filled in order by `FieldText.say`.
public enum HelpMessage: String, Sendable, Hashable, CaseIterable {
    // The layout of every help screen.
    case overview, usage, optionsSection, subcommandsSection, argumentsSection
    case showHelp, showVersion, withDefault, defaultOnly, subcommandHelpFooter, helpCommand
    // The program, and calibrate's group.
    case program, calibrate, calibrateDiscussion
    // run
    case run, runConfig, runSimulate, runBroker, runStateDirectory, runCalibration, runJournalBudget
    case runJournalPolicy, runKeepSentHours, runKeepalive, runSpeedup, runSimulatedClock, runTimeRate
    case runGroundTruth, runSimulatedSensorFault, runSimulatedClockError, runSimulatedPaddySeason
    case runReplayReadingsPerSecond, runSessionExpiry
    // The broker login options (run, check).
    case brokerLogin, brokerUsername, brokerPasswordFile, brokerCAFile, brokerCertFile, brokerKeyFile
    case brokerInsecurePlaintext
    // check
    case check, checkConfig, checkCalibration, checkBrokerLogin
    // scan
    case scan, scanDiscussion, scanConfig, scanListen, scanSimulate
    // watch
    case watch, watchDiscussion, watchStateDirectory, watchStandalone, watchSimulate, watchCalibration
    case watchInterval, watchCount
    // commission
    case commission, commissionDiscussion, commissionStateDirectory, commissionStandalone, commissionSimulate
    case commissionRegister, commissionReference, commissionListen, commissionApplyCorrection
    case commissionAcceptScanProblems, commissionNoPrompt
    // What every visit is given (watch, commission, calibrate).
    case visitSiteFile, visitCalibration, visitByAsked, visitInstrumentAsked, visitBy, visitInstrument, visitNotes
    // calibrate's commands
    case calibrateChannel, calibrateSimulate
    case offset, offsetReference, linear, linearPoints, flowKFactor, flowKFactorLitres
    case wellReference, wellReferenceTape, wellReferenceMPHeight, wellReferenceMPElevation
}
