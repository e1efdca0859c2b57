/// The text `--help` prints for a command: overview, usage, its options by section, its subcommands.
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

    static let helpEntry = Entry(label: "-h, --help", help: "Show help information.")

    /// Help for `path`'s command, wrapped to `width` columns (without the final newline `print` adds).
    public static func render(_ path: CommandPath, width: Int) -> String {
        let command = path.command
        var titled: [Section] = []
        var options = Section(title: "Options", entries: [])
        for option in command.options {
            let entry = Entry(label: option.label, help: option.helpWithDefault)
            guard let title = option.section else {
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
            options.entries.append(Entry(label: "--version", help: "Show the version."))
        }
        options.entries.append(helpEntry)
        var subcommands = Section(title: "Subcommands", entries: [])
        for subcommand in command.subcommands {
            subcommands.entries.append(Entry(label: subcommand.name, help: subcommand.abstract))
        }
        var overview = command.abstract
        if !command.discussion.isEmpty { overview += (overview.isEmpty ? "\n" : "\n\n") + command.discussion }
        var footer = ""
        if !command.subcommands.isEmpty {
            var names = path.names
            names.insert("help", at: 1)
            footer = "\n  See '\(names.joined(separator: " ")) <subcommand>' for detailed help."
        }
        return assemble(overview: overview, usage: UsageLine.synopsis(path),
                        sections: titled + [options, subcommands], footer: footer, width: width)
    }

    /// Help for the `help` command itself (`sensor-gateway help help`).
    public static func renderHelpCommand(program: CommandDeclaration, width: Int) -> String {
        assemble(overview: "Show subcommand help information.", usage: UsageLine.helpCommandSynopsis(program: program),
                 sections: [Section(title: "Arguments", entries: [Entry(label: "<subcommands>", help: "")])],
                 footer: "", width: width)
    }

    static func assemble(overview: String, usage: String, sections: [Section], footer: String, width: Int) -> String {
        var text = ""
        if !overview.isEmpty { text += TextWrapping.wrap("OVERVIEW: " + overview, width: width) + "\n\n" }
        text += "USAGE: \(usage)\n\n"
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
