import BoardCommandLine

/// What every session on site is given, a calibration or a commissioning visit: the site file, its calibration
/// folder, whether the board is the simulated one, who came with which instruments, and notes for the record.
struct SiteVisitArguments {
    /// The site file and its calibration folder (records, and the visits in `commissioning/visits.yaml`).
    static let site: [OptionDeclaration] = [
        .required("config", help: "Site file."),
        .required("calibration", help: "The site's calibration folder, e.g. Calibration/records/kumamoto-well-07 (visits go to its commissioning/visits.yaml)."),
    ]

    /// Who visits and with what: a calibration record must name them; a commissioning visit asks when not given.
    static func people(asked: Bool) -> [OptionDeclaration] {
        asked ? [.optional("by", help: "Who visits (name and organisation); asked when not given."),
                 .optional("instrument", help: "Reference instruments (make, serial); asked when not given.")]
              : [.required("by", help: "Who measured (name and organisation)."),
                 .required("instrument", help: "Reference instrument (make, serial, certificate).")]
    }

    static let notes: OptionDeclaration = .optional("notes", help: "Free-text notes for the record.")

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
