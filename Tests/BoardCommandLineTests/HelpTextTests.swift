@testable import BoardCommandLine
import FieldText
import Testing

/// Help text layout: a label column of 26, help wrapped to the terminal, sections in capitals.
@Suite struct HelpTextTests {
    @Test func wrapsAtTheLastSpaceThatFits() {
        #expect(TextWrapping.wrap("one two three", width: 8) == "one two\nthree")
        // A line is cut within the width's characters, so a word ending exactly at the edge moves down too
        // (as swift-argument-parser's help did; the golden files depend on it).
        #expect(TextWrapping.wrap("one two three", width: 7) == "one\ntwo\nthree")
        #expect(TextWrapping.wrap("one two three", width: 6) == "one\ntwo\nthree")
    }

    @Test func aWordLongerThanTheLineStandsAlone() {
        #expect(TextWrapping.wrap("a Calibration/records/kumamoto-well-07. b", width: 10) == "a\nCalibration/records/kumamoto-well-07.\nb")
    }

    @Test func keepsLineBreaksAndIndentsNonEmptyLines() {
        #expect(TextWrapping.wrap("first\n\nsecond", width: 40, indent: 2) == "  first\n\n  second")
    }

    @Test func countsCharactersNotBytes() {
        #expect(TextWrapping.wrap("1.5× this", width: 9) == "1.5× this")
    }

    /// Japanese has no spaces: a kanji or kana takes two columns and a line may break between two of them.
    @Test func japaneseTakesTwoColumnsAndBreaksBetweenCharacters() {
        #expect(DisplayColumns.of("ID レジスタ") == 11)
        #expect(TextWrapping.wrap("あいうえおか", width: 6) == "あい\nうえ\nおか")
    }

    /// A line never starts with closing punctuation (kinsoku): the character before it moves down with it.
    @Test func japanesePunctuationStaysWithItsWord() {
        #expect(TextWrapping.wrap("あいう。えお", width: 7) == "あい\nう。え\nお")
        #expect(TextWrapping.wrap("あ（いう）", width: 5) == "あ\n（い\nう）")
    }

    /// Beside a space the space is the break, so no line ends in one.
    @Test func aSpaceBesideJapaneseIsWhereTheLineBreaks() {
        #expect(TextWrapping.wrap("CHANNEL=VALUE の形", width: 16) == "CHANNEL=VALUE\nの形")
    }

    @Test func aLongLabelPutsItsHelpOnTheNextLine() {
        let short = HelpText.Entry(label: "--cert-file <cert-file>", help: "Client certificate.")
        let long = HelpText.Entry(label: "--password-file <password-file>", help: "File.")
        #expect(short.rendered(width: 80) == "  --cert-file <cert-file> Client certificate.\n")
        #expect(long.rendered(width: 80) == "  --password-file <password-file>\n                          File.\n")
    }

    @Test func defaultsFollowTheHelpAndTitlesAreCapitalised() {
        let command = CommandDeclaration(name: "go", abstract: "Go somewhere.", options: [
            .optional("broker", help: "Broker.", defaultValue: "127.0.0.1:1883"),
            OptionDeclaration.flag("tls", help: "Use TLS.").listed(under: "Broker login"),
        ])
        let program = CommandDeclaration(name: "sample", abstract: "", subcommands: [command])
        #expect(HelpText.render(CommandPath([program, command]), width: 80) == """
            OVERVIEW: Go somewhere.

            USAGE: sample go [--broker <broker>] [--tls]

            BROKER LOGIN:
              --tls                   Use TLS.

            OPTIONS:
              --broker <broker>       Broker. (default: 127.0.0.1:1883)
              -h, --help              Show help information.

            """)
    }

    @Test func manyOptionsCollapseToTheRequiredOnesInUsage() {
        var options: [OptionDeclaration] = [.required("config", help: "")]
        for i in 1...12 { options.append(.flag("flag-\(i)", help: "")) }
        let command = CommandDeclaration(name: "run", abstract: "", options: options)
        let program = CommandDeclaration(name: "sample", abstract: "", subcommands: [command])
        #expect(UsageLine.synopsis(CommandPath([program, command])) == "sample run [<options>] --config <config>")
        #expect(UsageLine.synopsis(CommandPath([program])) == "sample <subcommand>")
    }

    @Test func editDistance() {
        #expect(EditDistance.between("--simulat", "--simulate") == 1)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
    }

    @Test func processArgumentsKeepEmptyWords() {
        let bytes: [UInt8] = Array("prog\0run\0\0--x\0".utf8)
        #expect(ProcessArguments.split(bytes) == ["prog", "run", "", "--x"])
    }
}
