import Foundation
import Testing
import TestSupport

/// Bad input at the command line gets one clear message naming what is wrong, and a non-zero exit.
@Suite struct CommandLineTests {
    func run(_ args: [String]) throws -> (Int32, String) {
        let dir = Paths.scratch("cli")
        let child = try ChildProcess(Paths.binary("sensor-gateway"), args, logDirectory: dir, name: "cli")
        return (child.wait(seconds: 20) ?? -1, child.output)
    }

    /// A maintainer over SSH sees which build a board runs: version, machine and build mode.
    @Test func versionNamesTheReleaseTheMachineAndTheBuild() throws {
        let (status, output) = try run(["--version"])
        #expect(status == 0)
        #expect(output.hasPrefix("sensor-gateway 0."), "\(output)")
        #expect(output.contains("(x86_64, ") || output.contains("(aarch64, "), "\(output)")
        #expect(output.contains("Swift)"), "\(output)")
    }

    @Test func missingSiteFileIsNamed() throws {
        let (status, output) = try run(["check", "--config", "/nonexistent/site.yaml"])
        #expect(status == 1)
        #expect(output.contains("/nonexistent/site.yaml"))
    }

    @Test func malformedSiteFileGivesFileAndLine() throws {
        let dir = Paths.scratch("cli-bad")
        let path = dir + "/site.yaml"
        try "site:\n  id: x\n  kind: [unclosed\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (status, output) = try run(["check", "--config", path])
        #expect(status == 1)
        #expect(output.contains(path + ":"), "\(output)")
    }

    @Test func runRefusesAKeepaliveLibmosquittoWouldReject() throws {
        let (status, output) = try run(["run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml",
                                        "--simulate", "--keepalive", "2", "--state-dir", Paths.scratch("cli-ka")])
        #expect(status != 0)
        #expect(output.contains("--keepalive 2: must be 0 (off) or 5 to 65535 seconds"))
    }

    @Test func speedupIsForTheSimulatedBoardOnly() throws {
        let (status, output) = try run(["run", "--config", Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml",
                                        "--speedup", "10", "--state-dir", Paths.scratch("cli-sp")])
        #expect(status != 0)
        #expect(output.contains("--speedup only applies with --simulate"))
    }

    @Test func badCalibrationFolderFailsCheckWithItsFile() throws {
        let dir = Paths.scratch("cli-cal")
        try "- id: x\n  channel: water-column\n  method: linear\n  gain: 0\n".write(toFile: dir + "/water-column.yaml",
                                                                             atomically: true, encoding: .utf8)
        let (status, output) = try run(["check", "--calibration", dir])
        #expect(status == 1)
        #expect(output.contains(dir + "/water-column.yaml:"), "\(output)")
    }

    /// One recorded command line: what swift-argument-parser's sensor-gateway printed and returned for it.
    struct GoldenCase: CustomTestStringConvertible, Sendable {
        let name: String
        let directory: String
        var testDescription: String { name }

        static let root = Paths.packageRoot + "/Tests/CommandLineGolden/cases"

        static var all: [GoldenCase] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            return names.sorted().map { GoldenCase(name: $0, directory: root + "/" + $0) }
        }

        func file(_ name: String) -> String? { try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) }
    }

    @Test func goldenCasesAreRecorded() {
        #expect(GoldenCase.all.count >= 70, "Tests/CommandLineGolden/cases: run capture.sh")
    }

    /// Help text, usage errors and exit statuses stay byte for byte what they were under
    /// swift-argument-parser (Tests/CommandLineGolden, recorded by its capture.sh), and in Japanese what was
    /// recorded for the `ja-` cases.
    @Test(arguments: GoldenCase.all) func sameOutputAsRecorded(_ golden: GoldenCase) throws {
        let arguments = (golden.file("arguments") ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
        // Help and usage errors follow the technician's locale (issue 17): English unless the case names one.
        let ran = try launch(arguments, lang: golden.file("lang")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "C.UTF-8",
                             columns: golden.file("columns")?.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(ran.status == Int32(golden.file("status")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""),
                "\(arguments)")
        #expect(ran.stdout == golden.file("stdout"), "stdout of \(arguments)")
        #expect(ran.stderr == golden.file("stderr"), "stderr of \(arguments)")
    }

    /// `sensor-gateway ARGUMENTS` run from the package root in the locale `lang` (no LC_ALL or LC_MESSAGES), help
    /// wrapped to `columns` or, through the pipe, to 80.
    func launch(_ arguments: [String], lang: String, columns: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.binary("sensor-gateway"))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot)
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = columns
        environment["LINES"] = nil
        environment["LANG"] = lang
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let printed = stdout.fileHandleForReading.readDataToEndOfFile()
        let reported = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: printed, as: UTF8.self), String(decoding: reported, as: UTF8.self))
    }

    /// What `sensor-gateway ARGUMENTS` prints on stdout in the locale `lang`.
    func printed(_ arguments: [String], lang: String) throws -> String { try launch(arguments, lang: lang).stdout }

    /// The commands the program's own help lists, and theirs in turn: `[]`, `["run"]`, `["calibrate", "offset"]` ….
    func everyCommand(below path: [String] = []) throws -> [[String]] {
        var found = [path]
        var listing = false
        for line in try printed(path + ["--help"], lang: "C.UTF-8").split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "SUBCOMMANDS:" { listing = true; continue }
            guard listing else { continue }
            if line.hasPrefix("   ") { continue }  // a help wrapped onto its next line
            guard line.hasPrefix("  "), let name = line.split(separator: " ").first else {
                listing = false
                continue
            }
            found += try everyCommand(below: path + [String(name)])
        }
        return found
    }

    /// Every command's `--help` in Japanese leaves no sentence in English: option names, values and paths are
    /// typed as they are and stay, but no three English words in a row are left outside the usage line.
    @Test func everyHelpScreenIsJapaneseUnderAJapaneseLocale() throws {
        let commands = try everyCommand()
        #expect(commands.count >= 11, "\(commands)")
        for command in commands {
            let japanese = try printed(command + ["--help"], lang: "ja_JP.UTF-8")
            #expect(japanese.hasPrefix("概要: "), "\(command)")
            #expect(japanese != (try printed(command + ["--help"], lang: "C.UTF-8")), "\(command)")
            for line in japanese.split(separator: "\n") where !line.hasPrefix("使い方: ") {
                #expect(!threeEnglishWordsInARow(line), "\(command): \(line)")
            }
        }
    }

    func threeEnglishWordsInARow(_ line: Substring) -> Bool {
        var run = 0
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let letters = !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
            run = letters ? run + 1 : 0
            if run == 3 { return true }
        }
        return false
    }
}
