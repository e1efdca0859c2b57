import FieldText
import GatewayCore

extension SiteScan {
    /// The report a technician reads, in their language: one line per chip and pulse line that is as expected,
    /// a `TechnicianNotice` for each that is not, then the verdict.
    public func text(in language: FieldLanguage = FieldLanguage.current) -> String {
        func say(_ m: FieldMessage, _ v: [String] = []) -> String { FieldText.say(m, v, in: language) }
        var out = [say(.scanHeading, [site.id.rawValue, site.device.rawValue, site.board.name])]
        for chip in chips {
            let names = chip.channels.map { $0.rawValue }.joined(separator: ", ")
            let what = "\(names) (\(chip.expected) on \(chip.device.busPath) address 0x\(hex(chip.device.address)))"
            switch chip.finding {
            case .identified(let name):
                out.append(say(.scanSensorFound, [names, name, chip.device.busPath, hex(chip.device.address)]))
            case .silent:
                out.append(TechnicianNotice(what: what, happened: .scanSensorSilentHappened, [chip.expected],
                                            cause: .scanSensorSilentCause, action: .scanSensorSilentAction,
                                            language: language).text(in: language, indent: "  "))
            case .wrongChip(let found):
                out.append(TechnicianNotice(what: what, happened: .scanWrongChipHappened,
                                            [found ?? say(.scanUnidentified), chip.expected],
                                            cause: .scanWrongChipCause, action: .scanWrongChipAction,
                                            language: language).text(in: language, indent: "  "))
            case .cannotOpenBus(let reason):
                out.append(TechnicianNotice(what: what, happened: .scanBusHappened, [reason], cause: .scanBusCause,
                                            action: .scanBusAction, language: language).text(in: language, indent: "  "))
            }
        }
        for extra in extras {
            out.append(say(.scanUnexpected, [extra.bus, hex(extra.address), extra.name ?? say(.scanUnidentified)]))
        }
        let seconds = Self.secondsText(listenSeconds)
        for line in lines {
            let place = "\(line.reference.role), \(line.reference.line)"
            if let problem = line.problem {
                out.append(TechnicianNotice(what: "\(line.channel) (\(place))", happened: .scanLineHappened, [problem],
                                            cause: .scanLineCause, action: .scanLineAction, language: language)
                    .text(in: language, indent: "  "))
                continue
            }
            let level = switch line.lastLevelActive {
            case true?: say(.scanLevelActive)
            case false?: say(.scanLevelIdle)
            case nil: say(.scanLevelUnknown)
            }
            out.append(line.edges == 0
                ? say(.scanLineIdle, [line.channel.rawValue, place, seconds, level])
                : say(.scanLineSeen, [line.channel.rawValue, place, String(line.edges), String(line.pulses), seconds, level]))
        }
        if problemCount > 0 {
            out.append(say(.scanMismatch, [String(problemCount)]))
        } else if !extras.isEmpty {
            out.append(say(.scanExtrasOnly, [String(extras.count)]))
        } else {
            out.append(say(.scanMatches))
        }
        return out.joined(separator: "\n")
    }

    public static func secondsText(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

func hex(_ value: UInt8) -> String {
    let digits = String(value, radix: 16)
    return digits.count < 2 ? "0" + digits : digits
}
