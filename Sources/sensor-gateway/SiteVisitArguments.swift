import BoardCommandLine
import FieldText

/// What every session on site is given, a calibration or a commissioning visit: the site file, its calibration
/// folder, whether the board is the simulated one, who came with which instruments, and notes for the record.
struct SiteVisitArguments {
    /// The site file and its calibration folder (records, and the visits in `commissioning/visits.yaml`).
    static let site: [OptionDeclaration] = [
        .required("config", help: .visitSiteFile),
        .required("calibration", help: .visitCalibration),
    ]

    /// Who visits and with what: a calibration record must name them; a commissioning visit asks when not given.
    static func people(asked: Bool) -> [OptionDeclaration] {
        asked ? [.optional("by", help: .visitByAsked),
                 .optional("instrument", help: .visitInstrumentAsked)]
              : [.required("by", help: .visitBy),
                 .required("instrument", help: .visitInstrument)]
    }

    static let notes: OptionDeclaration = .optional("notes", help: .visitNotes)

    let siteFile: String
    let calibration: String
    let simulate: Bool
    let by: String?
    let instrument: String?
    let notes: String?

    init(_ arguments: ParsedArguments) {
        siteFile = arguments.required("config")
        calibration = arguments.required("calibration")
        simulate = arguments.flag("simulate")
        by = arguments.text("by")
        instrument = arguments.text("instrument")
        notes = arguments.text("notes")
    }
}
