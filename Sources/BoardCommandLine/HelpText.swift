import FieldText

/// The text `--help` prints for a command: overview, usage, its options by section, its subcommands, in the
/// reader's language (`FieldLanguage`), every sentence from the field catalogue.
public enum HelpText {
    /// Labels up to this column share their line with the help beside them.
    static let labelColumn = 26
    static let labelIndent = 2

    struct Entry {
        var label: String
        var help: String

        func rendered(width: Int) -> String {
            let padded = String(repeating: " ", count: HelpText.labelIndent) + label
            guard !help.isEmpty else { return padded + "\n" }
            let wrapped = TextWrapping.wrap(help, width: width, indent: HelpText.labelColumn)
            if padded.count < HelpText.labelColumn {
                return padded + String(wrapped.dropFirst(padded.count)) + "\n"
            }
            return padded + "\n" + wrapped + "\n"
        }
    }

    struct Section {
        var title: String
        var entries: [Entry]

        func rendered(width: Int) -> String {
            guard !entries.isEmpty else { return "" }
            var text = HelpText.capitalised(title) + ":\n"
            for entry in entries { text += entry.rendered(width: width) }
            return text
        }
    }

    /// Help for `path`'s command, wrapped to `width` columns (without the final newline `print` adds).
    public static func render(_ path: CommandPath, width: Int,
                              language: FieldLanguage = FieldLanguage.current) -> String {
        func say(_ message: HelpMessage, _ values: [String] = []) -> String {
            FieldText.say(message, values, in: language)
        }
        let command = path.command
        var titled: [Section] = []
        var options = Section(title: say(.optionsSection), entries: [])
        for option in command.options {
            let entry = Entry(label: option.label, help: option.helpWithDefault(in: language))
            guard let title = option.section?.text(in: language) else {
                options.entries.append(entry)
                continue
            }
            if let i = titled.firstIndex(where: { $0.title == title }) {
                titled[i].entries.append(entry)
            } else {
                titled.append(Section(title: title, entries: [entry]))
            }
        }
        if path.commands.count == 1, command.version != nil {
            options.entries.append(Entry(label: "--version", help: say(.showVersion)))
        }
        options.entries.append(Entry(label: "-h, --help", help: say(.showHelp)))
        var subcommands = Section(title: say(.subcommandsSection), entries: [])
        for subcommand in command.subcommands {
            subcommands.entries.append(Entry(label: subcommand.name, help: subcommand.abstract.text(in: language)))
        }
        var overview = command.abstract.text(in: language)
        if let discussion = command.discussion?.text(in: language), !discussion.isEmpty {
            overview += (overview.isEmpty ? "\n" : "\n\n") + discussion
        }
        var footer = ""
        if !command.subcommands.isEmpty {
            var names = path.names
            names.insert("help", at: 1)
            footer = "\n" + say(.subcommandHelpFooter, [names.joined(separator: " ")])
        }
        return assemble(overview: overview, usage: UsageLine.synopsis(path),
                        sections: titled + [options, subcommands], footer: footer, width: width, language: language)
    }

    /// Help for the `help` command itself (`sensor-gateway help help`).
    public static func renderHelpCommand(program: CommandDeclaration, width: Int,
                                         language: FieldLanguage = FieldLanguage.current) -> String {
        assemble(overview: FieldText.say(HelpMessage.helpCommand, in: language),
                 usage: UsageLine.helpCommandSynopsis(program: program),
                 sections: [Section(title: FieldText.say(HelpMessage.argumentsSection, in: language),
                                    entries: [Entry(label: "<subcommands>", help: "")])],
                 footer: "", width: width, language: language)
    }

    static func assemble(overview: String, usage: String, sections: [Section], footer: String, width: Int,
                         language: FieldLanguage) -> String {
        var text = ""
        if !overview.isEmpty {
            text += TextWrapping.wrap(FieldText.say(HelpMessage.overview, [overview], in: language), width: width) + "\n\n"
        }
        text += FieldText.say(HelpMessage.usage, [usage], in: language) + "\n\n"
        var rendered: [String] = []
        for section in sections {
            let part = section.rendered(width: width)
            if !part.isEmpty { rendered.append(part) }
        }
        text += rendered.joined(separator: "\n")
        return text + footer
    }

    /// Section titles are shown in capitals; they are written in ASCII, so this needs no Unicode tables.
    static func capitalised(_ title: String) -> String {
        var result = ""
        for scalar in title.unicodeScalars {
            if scalar.value >= 0x61 && scalar.value <= 0x7A, let upper = Unicode.Scalar(scalar.value - 0x20) {
                result.unicodeScalars.append(upper)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
