import BoardIO
import CalibrationStore
import FieldText
import GatewayCore
import GatewayRuntime
import Journal
import MQTTTransport
import SensorDrivers
import SiteConfig
import Testing

/// Issue 17, part 4: every problem a technician reads has one shape, what / what happened / likely cause /
/// what to do, in English and in Japanese; one representative message of each family of errors the board
/// program can print (drivers, the I2C bus, pulse lines, the journal, the broker, site and calibration files,
/// the daemon's start).
@Suite struct FaultShapeTests {
    struct Expected: Sendable, CustomStringConvertible {
        var family: String
        var problem: FieldProblem
        var english: [String]
        var japanese: [String]
        var description: String { family }
    }

    static let families: [Expected] = [
        Expected(family: "loop current (driver)",
                 problem: SensorError(.loopCurrent(.low(Milliamperes(3.2))), chip: "ADS1115", bus: "/dev/i2c-1",
                                      address: 0x48, operation: "read ain0").fieldProblem.about("water-column"),
                 english: ["water-column (ADS1115 on /dev/i2c-1 address 0x48): loop current 3.2 mA, below the 3.6 mA of a working transmitter",
                           "likely cause: an open loop or a broken wire", "what to do: measure the loop current"],
                 japanese: ["water-column (ADS1115 on /dev/i2c-1 address 0x48): ループ電流 3.2 mA", "考えられる原因: ループの開放、断線",
                            "対処: テスターを直列に入れて"]),
        Expected(family: "silent chip (driver over I2C)",
                 problem: SensorError(.bus(.noAcknowledge), chip: "BME280", bus: "/dev/i2c-1", address: 0x77,
                                      operation: "read chip id").fieldProblem,
                 english: ["BME280 on /dev/i2c-1 address 0x77: no chip acknowledges (read chip id)",
                           "likely cause: the chip has no power", "what to do: check the chip's supply and wiring"],
                 japanese: ["BME280 on /dev/i2c-1 address 0x77: どのチップも応答しません（read chip id）",
                            "考えられる原因: チップに電源が来ていない", "対処: チップの電源と配線"]),
        Expected(family: "CRC (driver)",
                 problem: SensorError(.checksumMismatch(received: 0x12, computed: 0x34), chip: "SHT3x", bus: "/dev/i2c-1",
                                      address: 0x44, operation: "read measurement").fieldProblem,
                 english: ["SHT3x on /dev/i2c-1 address 0x44: read measurement: CRC mismatch (received 0x12, computed 0x34)",
                           "likely cause: interference on the cable", "what to do: shorten or shield the cable"],
                 japanese: ["read measurement: CRC 不一致（受信 0x12、計算 0x34）", "考えられる原因: ケーブルへのノイズ",
                            "対処: ケーブルを短くするかシールドし"]),
        Expected(family: "missing adapter (bus)",
                 problem: I2CError(.cannotOpenBus, bus: "/dev/i2c-9", address: nil, operation: "open (No such file or directory)").fieldProblem,
                 english: ["/dev/i2c-9: the bus cannot be opened (open (No such file or directory))",
                           "likely cause: I2C is not enabled in the device tree", "what to do: enable I2C (dtparam=i2c_arm=on)"],
                 japanese: ["/dev/i2c-9: バスを開けません（open (No such file or directory)）", "考えられる原因: デバイスツリーで I2C",
                            "対処: I2C を有効にし"]),
        Expected(family: "pulse line",
                 problem: GPIOError(line: GPIOLineAddress(chip: "gpiochip0", offset: 17), operation: "request edges",
                                    reason: "Device or resource busy").fieldProblem,
                 english: ["request edges failed: Device or resource busy", "likely cause: the sensor-gateway service holds the line",
                           "what to do: stop the service (systemctl stop sensor-gateway)"],
                 japanese: ["request edges が失敗しました: Device or resource busy", "考えられる原因: sensor-gateway サービスが線を使用中",
                            "対処: サービスを止めて"]),
        Expected(family: "journal",
                 problem: JournalError(path: "/var/lib/sensor-gateway/journal.sqlite", operation: "open",
                                       reason: "unable to open database file").fieldProblem,
                 english: ["journal /var/lib/sensor-gateway/journal.sqlite: open failed: unable to open database file",
                           "likely cause: the journal refused the operation", "what to do: keep the journal file"],
                 japanese: ["journal /var/lib/sensor-gateway/journal.sqlite: open が失敗しました", "考えられる原因: 上の理由で",
                            "対処: ジャーナルファイルを保存し"]),
        Expected(family: "broker",
                 problem: MQTTError(kind: .unreachable, broker: "broker.city.example:8883", operation: "connect",
                                    detail: "Connection refused").fieldProblem,
                 english: ["broker broker.city.example:8883: connect failed: Connection refused",
                           "likely cause: the broker is down, a firewall closes its port", "readings wait in the journal"],
                 japanese: ["broker broker.city.example:8883: connect が失敗しました: Connection refused",
                            "考えられる原因: ブローカーの停止", "読み取り値はジャーナルで待機します"]),
        Expected(family: "site file",
                 problem: SiteConfigError(file: "well.yaml", line: 14, column: 5, keyPath: "channels[1].address",
                                          message: "0x99 is not a 7-bit I2C address").fieldProblem,
                 english: ["well.yaml:14:5: channels[1].address: 0x99 is not a 7-bit I2C address",
                           "likely cause: a mistake in the site or board file", "what to do: correct the file here and run `sensor-gateway check --config FILE`"],
                 japanese: ["well.yaml:14:5: channels[1].address: 0x99 is not a 7-bit I2C address",
                            "考えられる原因: サイトファイルまたはボードファイルのこの箇所の誤り", "対処: この箇所を直し"]),
        Expected(family: "calibration file",
                 problem: CalibrationError(file: "water-column.yaml", line: 3, column: 3, keyPath: "[0].method",
                                           problem: .unknownMethod("spline")).fieldProblem,
                 english: ["water-column.yaml:3:3: [0].method: unknown method \"spline\"",
                           "likely cause: a mistake in the calibration record", "what to do: correct the record here"],
                 japanese: ["water-column.yaml:3:3: [0].method: unknown method", "考えられる原因: 校正記録のこの箇所の誤り",
                            "対処: この箇所を直し、`sensor-gateway check --calibration DIR`"]),
        Expected(family: "daemon start",
                 problem: GatewayStartupError("cannot create state directory /var/lib/sgw: Permission denied").fieldProblem,
                 english: ["sensor-gateway: cannot create state directory /var/lib/sgw: Permission denied",
                           "likely cause: the site, calibration folder, state directory", "what to do: run `sensor-gateway check`"],
                 japanese: ["sensor-gateway: cannot create state directory", "考えられる原因: ゲートウェイに与えた",
                            "対処: 同じファイルで `sensor-gateway check`"]),
        Expected(family: "commissioning log",
                 problem: CommissioningLog.Failure(.datedBeforeLast("visit-20260301T0900", last: "visit-20270301T0900"),
                                                   path: "/etc/sgw/calibration/commissioning/visits.yaml",
                                                   reason: "dated before").fieldProblem,
                 english: ["/etc/sgw/calibration/commissioning/visits.yaml: record visit-20260301T0900 is dated before the last one (visit-20270301T0900)",
                           "likely cause: the board's clock is wrong", "what to do: set the clock"],
                 japanese: ["visits.yaml: 記録 visit-20260301T0900 の日時が最後の記録（visit-20270301T0900）より前です",
                            "考えられる原因: ボードの時計が狂っている", "対処: 時計を合わせ"]),
    ]

    @Test(arguments: families) func oneShapeInEnglish(_ family: Expected) {
        let text = family.problem.text(in: .english)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3, "\(text)")
        #expect(lines.count == 3 && lines[1].hasPrefix("  likely cause: ") && lines[2].hasPrefix("  what to do: "), "\(text)")
        for part in family.english { #expect(text.contains(part), "\(text)") }
        let line = family.problem.line(in: .english)
        #expect(!line.contains("\n") && line.contains("; likely cause: ") && line.contains("; what to do: "), "\(line)")
    }

    @Test(arguments: families) func oneShapeInJapanese(_ family: Expected) {
        let text = family.problem.text(in: .japanese)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3 && lines[1].hasPrefix("  考えられる原因: ") && lines[2].hasPrefix("  対処: "), "\(text)")
        for part in family.japanese { #expect(text.contains(part), "\(text)") }
    }

    /// The city's record of a fault stays English and under the intake's 512 bytes whatever the locale.
    @Test(arguments: families) func theJournaledLineFitsTheCitysIntake(_ family: Expected) {
        #expect(family.problem.line(in: .english).utf8.count <= 512)
    }

    /// Every message, help's sentences included, has a text in both languages: none left empty, the Japanese
    /// not the English left untranslated, and both filled with the same values (`{1}`, `{2}` …).
    @Test func theCatalogueHasEveryMessageInBothLanguages() {
        func check(_ id: String, english: String, japanese: String) {
            #expect(!english.isEmpty && !japanese.isEmpty, "\(id)")
            #expect(english == "{1}" || english != japanese, "\(id) is not translated")
            #expect(placeholders(english) == placeholders(japanese), "\(id): \(english) | \(japanese)")
        }
        for message in FieldMessage.allCases {
            check(message.rawValue, english: FieldCatalogue.template(message, .english),
                  japanese: FieldCatalogue.template(message, .japanese))
        }
        for message in HelpMessage.allCases {
            check(message.rawValue, english: FieldCatalogue.template(message, .english),
                  japanese: FieldCatalogue.template(message, .japanese))
        }
    }

    func placeholders(_ template: String) -> Set<String> {
        var found = Set<String>()
        for n in 1...12 where template.contains("{\(n)}") { found.insert("{\(n)}") }
        return found
    }
}
