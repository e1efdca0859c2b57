import Foundation
import Testing
import TestSupport

/// Issue 17, done when: a scripted technician visit on the simulated board (scan, watch, commission with
/// register readings, a later visit finding drift) passes, in English and in Japanese.
@Suite(.serialized) struct TechnicianVisitTests {
    enum Language: String, CaseIterable, Sendable {
        case english = "C.UTF-8", japanese = "ja_JP.UTF-8"
    }

    /// The paddy example with every channel at 1 s, its board file named absolutely, in its own folder.
    static func site(in dir: String) throws -> String {
        var text = try String(contentsOfFile: Paths.packageRoot + "/Board/sites/kumamoto-paddy-01.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "interval: 15s", with: "interval: 1s")
            .replacingOccurrences(of: "interval: 60s", with: "interval: 1s")
            .replacingOccurrences(of: "\nboard: rpi4-sgw\n",
                                  with: "\nboard: rpi4-sgw\nboard-file: \(Paths.packageRoot)/Board/rpi4-sgw.yaml\n")
        let path = dir + "/kumamoto-paddy-01.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func gateway(_ arguments: [String], _ language: Language, in dir: String, name: String,
                 seconds: Double = 60) throws -> (Int32, String) {
        let child = try ChildProcess(Paths.binary("sensor-gateway"), arguments, logDirectory: dir, name: name,
                                     environment: ["LANG": language.rawValue, "LC_ALL": "", "LC_MESSAGES": ""])
        return (child.wait(seconds: seconds) ?? -1, child.output)
    }

    /// The daemon on the simulated board for a few seconds, stopped cleanly so its last tick is journaled.
    func runDaemon(site: String, state: String, in dir: String, name: String) throws {
        let child = try ChildProcess(Paths.binary("sensor-gateway"),
                                     ["run", "--config", site, "--simulate", "--speedup", "5", "--state-dir", state,
                                      "--broker", "127.0.0.1:1"], logDirectory: dir, name: name)
        Thread.sleep(forTimeInterval: 3.5)
        child.kill(SIGTERM)
        #expect(child.wait(seconds: 20) != nil, "\(child.output)")
    }

    @Test(arguments: Language.allCases) func aWholeVisitAndALaterOneFindingDrift(_ language: Language) throws {
        let ja = language == .japanese
        let dir = Paths.scratch("visit-\(ja ? "ja" : "en")")
        let site = try Self.site(in: dir)
        let state = dir + "/state", calibration = dir + "/calibration"
        try FileManager.default.createDirectory(atPath: calibration, withIntermediateDirectories: true)

        // The scan: every chip found, both meters' pulses seen.
        let (scanStatus, scan) = try gateway(["scan", "--config", site, "--simulate", "--listen", "2"], language,
                                             in: dir, name: "scan")
        #expect(scanStatus == 0, "\(scan)")
        #expect(scan.contains(ja ? "ボードはサイトファイルと一致しています。" : "The board matches the site file."), "\(scan)")
        #expect(scan.contains(ja ? "パルス線  inflow" : "line      inflow"), "\(scan)")

        // The gateway runs; watch reads its journal beside it (plain lines: stdout is a file).
        try runDaemon(site: site, state: state, in: dir, name: "run-1")
        let (watchStatus, watch) = try gateway(["watch", "--config", site, "--state-dir", state, "--count", "1"], language,
                                               in: dir, name: "watch")
        #expect(watchStatus == 0, "\(watch)")
        #expect(watch.contains(ja ? "チャンネル=inflow" : "channel=inflow"), "\(watch)")
        #expect(watch.contains(ja ? "チャンネル=paddy-level" : "channel=paddy-level"), "\(watch)")
        // The daemon journals the pulses its debounce rejected, so watch shows a count, not "-" (not counted).
        let inflow = watch.split(separator: "\n").first { $0.contains(ja ? "チャンネル=inflow " : "channel=inflow ") } ?? ""
        #expect(inflow.range(of: ja ? #" 除外=[0-9]+$"# : #" rejected=[0-9]+$"#, options: .regularExpression) != nil, "\(watch)")

        // First visit: registers recorded, nothing to compare yet.
        let common = ["commission", "--config", site, "--calibration", calibration, "--state-dir", state,
                      "--by", "A. Tanaka (water section)", "--instrument", "tape ET-0031", "--no-prompt",
                      "--simulate", "--listen", "1"]
        let (firstStatus, first) = try gateway(common + ["--register", "inflow=100", "--register", "outflow=20",
                                                         "--reference", "paddy-level=0.1"], language, in: dir, name: "visit-1")
        #expect(firstStatus == 0, "\(first)")
        #expect(first.contains(ja ? "初回点検" : "first visit"), "\(first)")
        // Each channel's line ends in its reading's quality in the technician's language (no fault, no calibration
        // record to name instead): the fallback of the channel lines, 正常 under a Japanese locale, never the wire's code.
        for channel in ["inflow", "outflow", "paddy-level", "barometer"] {
            let line = first.split(separator: "\n").first { $0.range(of: "^  \(channel): [0-9.]+ [A-Za-z0-9]+[ （]", options: .regularExpression) != nil }
            #expect(line?.hasSuffix(ja ? "（正常）" : " (good)") == true, "\(channel): \(first)")
        }
        if ja { #expect(!first.contains("good"), "the wire's code on the Japanese screen: \(first)") }
        let visits = calibration + "/commissioning/visits.yaml"
        let afterFirst = try String(contentsOfFile: visits, encoding: .utf8)
        #expect(afterFirst.contains("kind: visit"))
        #expect(afterFirst.contains("{channel: \"inflow\", unit: \"m3\", register: 100.0, gateway-total: "), "\(afterFirst)")

        // The gateway runs on; the meter's register advanced 5 m³ more than it could count.
        Thread.sleep(forTimeInterval: 1.1)  // record ids carry the second
        try runDaemon(site: site, state: state, in: dir, name: "run-2")
        let (secondStatus, second) = try gateway(common + ["--register", "inflow=105", "--apply-correction"], language,
                                                 in: dir, name: "visit-2")
        #expect(secondStatus == 0, "\(second)")
        #expect(second.contains(ja ? "メーター指示値は 5.0 m3 進み" : "the register advanced 5.0 m3"), "\(second)")
        let afterSecond = try String(contentsOfFile: visits, encoding: .utf8)
        #expect(afterSecond.hasPrefix(afterFirst), "visits are appended, never rewritten")
        #expect(afterSecond.contains("kind: correction"), "\(afterSecond)")
        #expect(afterSecond.contains("corrections:\n    - {channel: \"inflow\", unit: \"m3\", gap: "), "\(afterSecond)")
        #expect(second.contains(ja ? "補正記録 correction-" : "wrote correction record correction-"), "\(second)")
    }

    /// Issue 15: the inflow meter's register (5 digits of m³, declared in the site file) wraps between two
    /// visits: 99,998 → 00,003 is an advance of 5 m³, told as such with the wrap named, never as −99,995.
    @Test(arguments: Language.allCases) func aVisitAcrossTheRegistersWrap(_ language: Language) throws {
        let ja = language == .japanese
        let dir = Paths.scratch("visit-wrap-\(ja ? "ja" : "en")")
        let site = try Self.site(in: dir)
        let declared = try String(contentsOfFile: site, encoding: .utf8).replacingOccurrences(
            of: "    pulses-per-litre: 0.1\n    debounce: 10ms\n    simulate: { pulses-per-second: 0.5 }",
            with: "    pulses-per-litre: 0.1\n    debounce: 10ms\n    register: { digits: 5, most-per-hour: 1000000 }\n    simulate: { pulses-per-second: 0.5 }")
        #expect(declared.contains("register: { digits: 5"))
        try declared.write(toFile: site, atomically: true, encoding: .utf8)
        let state = dir + "/state", calibration = dir + "/calibration"
        try FileManager.default.createDirectory(atPath: calibration, withIntermediateDirectories: true)
        let common = ["commission", "--config", site, "--calibration", calibration, "--state-dir", state,
                      "--by", "A. Tanaka (water section)", "--instrument", "register", "--no-prompt", "--simulate", "--listen", "0"]
        try runDaemon(site: site, state: state, in: dir, name: "run-1")
        let (firstStatus, first) = try gateway(common + ["--register", "inflow=99998"], language, in: dir, name: "visit-1")
        #expect(firstStatus == 0, "\(first)")
        Thread.sleep(forTimeInterval: 1.1)  // record ids carry the second
        try runDaemon(site: site, state: state, in: dir, name: "run-2")
        let (secondStatus, second) = try gateway(common + ["--register", "inflow=3"], language, in: dir, name: "visit-2")
        #expect(secondStatus == 0, "\(second)")
        #expect(second.contains(ja ? "メーター指示値は 5.0 m3 進み" : "the register advanced 5.0 m3"), "\(second)")
        #expect(second.contains(ja ? "99999.0 m3 を超えて 0 に戻りました" : "the register passed 99999.0 m3 and started again from 0"), "\(second)")
    }

    @Test(arguments: Language.allCases) func aBoardWithoutTheSitesBusExitsThreeWithTheFix(_ language: Language) throws {
        let dir = Paths.scratch("visit-mismatch")
        let (status, output) = try gateway(["scan", "--config", Paths.packageRoot + "/Board/sites/kumamoto-well-07.yaml",
                                            "--listen", "0"], language, in: dir, name: "scan")
        // No I2C adapter on a build machine: the bus cannot be opened, which is a mismatch with its fix.
        #expect(status == 3, "\(output)")
        #expect(output.contains(language == .japanese ? "modprobe i2c-dev" : "run `modprobe i2c-dev`"), "\(output)")
    }
}

/// Issue 17, part 5: `check` and `calibrate` speak the technician's language too.
@Suite struct CheckAndCalibrateLanguageTests {
    func gateway(_ arguments: [String], lang: String, in dir: String, name: String) throws -> (Int32, String) {
        let child = try ChildProcess(Paths.binary("sensor-gateway"), arguments, logDirectory: dir, name: name,
                                     environment: ["LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""])
        return (child.wait(seconds: 60) ?? -1, child.output)
    }

    @Test(arguments: [("C.UTF-8", false), ("ja_JP.UTF-8", true)]) func checkAndCalibrateOffset(lang: String, ja: Bool) throws {
        let dir = Paths.scratch("lang")
        let site = Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml"
        let (checkStatus, check) = try gateway(["check", "--config", site], lang: lang, in: dir, name: "check")
        #expect(checkStatus == 0, "\(check)")
        #expect(check.contains(ja ? ": 正常（サイト sapporo-cityhall、チャンネル " : ": ok (site sapporo-cityhall, "), "\(check)")
        let (status, output) = try gateway(["calibrate", "offset", "--config", site, "--calibration", dir,
                                            "--channel", "indoor-temperature", "--simulate", "--by", "A. Tanaka",
                                            "--instrument", "thermometer RT-1", "--reference", "21.5"],
                                           lang: lang, in: dir, name: "offset")
        #expect(status == 0, "\(output)")
        #expect(output.contains(ja ? "記録 indoor-temperature-offset-" : "wrote record indoor-temperature-offset-"), "\(output)")
        #expect(output.contains(ja ? "校正後 21.5 Cel" : "after 21.5 Cel"), "\(output)")
        #expect(output.contains(ja ? "（未校正）" : "(uncalibrated)"), "\(output)")
    }

    /// Every visit command's `--help`, and the option help under a usage error, read in the technician's
    /// language; the English stays what swift-argument-parser printed (Tests/CommandLineGolden).
    @Test(arguments: [("C.UTF-8", false), ("ja_JP.UTF-8", true)]) func helpInTheTechniciansLanguage(lang: String, ja: Bool) throws {
        let dir = Paths.scratch("lang-help")
        let commands: [[String]] = [["scan"], ["check"], ["watch"], ["commission"], ["calibrate"], ["calibrate", "offset"],
                                    ["calibrate", "linear"], ["calibrate", "well-reference"], ["calibrate", "flow-kfactor"]]
        for command in commands {
            let (status, help) = try gateway(command + ["--help"], lang: lang, in: dir, name: "help-" + command.joined(separator: "-"))
            #expect(status == 0, "\(help)")
            #expect(help.hasPrefix(ja ? "概要: " : "OVERVIEW: "), "\(help)")
            #expect(help.contains((ja ? "使い方: sensor-gateway " : "USAGE: sensor-gateway ") + command.joined(separator: " ")), "\(help)")
            #expect(help.contains(ja ? "\nオプション:\n" : "\nOPTIONS:\n"), "\(help)")
            #expect(help.contains(ja ? "  -h, --help              このヘルプを表示します。" : "  -h, --help              Show help information."), "\(help)")
        }
        let (_, watch) = try gateway(["watch", "--help"], lang: lang, in: dir, name: "help-watch-option")
        #expect(watch.contains(ja ? "  --interval <interval>   表示を更新する間隔（秒）。（既定値: 1）" : "  --interval <interval>   Seconds between refreshes. (default: 1)"), "\(watch)")
        let (status, missing) = try gateway(["watch"], lang: lang, in: dir, name: "help-under-error")
        #expect(status == 64, "\(missing)")
        #expect(missing.contains(ja ? "ヘルプ:  --config <config>  サイトファイル。" : "Help:  --config <config>  Site file."), "\(missing)")
    }

    /// `scan` without a site file lists this machine's buses and GPIO chips in the technician's language.
    @Test(arguments: [("C.UTF-8", false), ("ja_JP.UTF-8", true)]) func scanOfTheBoardInTheTechniciansLanguage(lang: String, ja: Bool) throws {
        let dir = Paths.scratch("lang-scan")
        let (status, output) = try gateway(["scan"], lang: lang, in: dir, name: "scan")
        #expect(status == 0, "\(output)")
        #expect(output.contains(ja ? "I2C アダプタ" : "I2C adapters"), "\(output)")
        #expect(output.contains(ja ? "GPIO チップ" : "GPIO chips"), "\(output)")
    }

    /// A site file's mistake reads in the one shape: where, what, the likely cause and what to do.
    @Test(arguments: [("C.UTF-8", false), ("ja_JP.UTF-8", true)]) func aSiteFileMistakeInTheOneShape(lang: String, ja: Bool) throws {
        let dir = Paths.scratch("lang-shape")
        var text = try String(contentsOfFile: Paths.packageRoot + "/Board/sites/sapporo-cityhall.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "\nboard: ", with: "\nboard-typo: 1\nboard: ")
        let site = dir + "/broken.yaml"
        try text.write(toFile: site, atomically: true, encoding: .utf8)
        let (status, check) = try gateway(["check", "--config", site], lang: lang, in: dir, name: "check-broken")
        #expect(status != 0, "\(check)")
        #expect(check.contains(site + ":"), "\(check)")
        #expect(check.contains(ja ? "\n  考えられる原因: サイトファイルまたはボードファイルのこの箇所の誤り\n" : "\n  likely cause: a mistake in the site or board file at this place\n"), "\(check)")
        #expect(check.contains(ja ? "\n  対処: この箇所を直し" : "\n  what to do: correct the file here"), "\(check)")
    }

    /// Usage errors of every visit command (unknown option, missing value, a value that is not a number) read in
    /// the technician's language; the English text stays what swift-argument-parser printed.
    @Test(arguments: [("C.UTF-8", false), ("ja_JP.UTF-8", true)]) func usageErrorsInTheTechniciansLanguage(lang: String, ja: Bool) throws {
        let dir = Paths.scratch("lang-usage")
        let cases: [([String], String, String)] = [
            (["scan", "--frobnicate"], "Error: Unknown option '--frobnicate'", "エラー: 不明なオプション '--frobnicate'"),
            (["watch", "--interval", "abc"], "Error: The value 'abc' is invalid for '--interval",
             "エラー: 'abc' は '--interval <interval>' の値として使えません"),
            (["watch", "--config", "site.yaml", "--interval", "0"], "Error: --interval 0.0: give 0.1 to 3600 seconds",
             "エラー: --interval 0.0: 0.1〜3600 秒で指定してください"),
            (["calibrate", "offset", "--frobnicate"], "Error: Missing expected argument '--config <config>'",
             "エラー: 必要な引数 '--config <config>' がありません"),
            (["check", "--calibration", "/tmp", "--username", "tech"], "Error: --username and --password-file go together",
             "エラー: --username と --password-file は一緒に指定してください"),
            (["commission", "--config", "site.yaml", "--frobnicate"], "Error: Missing expected argument '--calibration <calibration>'",
             "エラー: 必要な引数 '--calibration <calibration>' がありません"),
        ]
        for (index, (arguments, english, japanese)) in cases.enumerated() {
            let (status, output) = try gateway(arguments, lang: lang, in: dir, name: "usage-\(index)")
            #expect(status == 64, "\(output)")
            #expect(output.contains(ja ? japanese : english), "\(output)")
            #expect(output.contains(ja ? "使い方: sensor-gateway " : "Usage: sensor-gateway "), "\(output)")
        }
        let (_, missing) = try gateway(["check", "--config"], lang: lang, in: dir, name: "usage-missing")
        #expect(missing.contains(ja ? "エラー: '--config <config>' の値がありません" : "Error: Missing value for '--config <config>'"), "\(missing)")
    }

    /// A damaged visits file stops `commission` with the one shape, in the technician's language.
    @Test(arguments: [("C.UTF-8", false), ("ja_JP.UTF-8", true)]) func aDamagedVisitsFileInTheOneShape(lang: String, ja: Bool) throws {
        let dir = Paths.scratch("lang-visits")
        let site = try TechnicianVisitTests.site(in: dir)
        let folder = dir + "/calibration/commissioning"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "- id: \"visit-1\"\n  kind: inspection\n".write(toFile: folder + "/visits.yaml", atomically: true, encoding: .utf8)
        let (status, output) = try gateway(["commission", "--config", site, "--calibration", dir + "/calibration",
                                            "--state-dir", dir + "/state", "--by", "A. Tanaka", "--instrument", "tape",
                                            "--no-prompt", "--simulate", "--listen", "0"],
                                           lang: lang, in: dir, name: "commission-damaged")
        #expect(status == 1, "\(output)")
        #expect(output.contains(folder + "/visits.yaml: "), "\(output)")
        #expect(output.contains(ja ? "\n  考えられる原因: 点検記録ファイルの記録が手で編集された" : "\n  likely cause: a record of the visits file was edited by hand"), "\(output)")
        #expect(output.contains(ja ? "\n  対処: 記録を書かれたとおりに" : "\n  what to do: restore the record as it was written"), "\(output)")
    }
}
