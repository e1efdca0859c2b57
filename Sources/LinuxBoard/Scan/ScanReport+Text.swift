import FieldText
import GatewayCore

extension ScanReport {
    /// Plain text for a technician at the cabinet: an i2cdetect-style grid per bus with names under it, then
    /// the GPIO chips with each line's owner, so a wiring fault or a busy line is visible at a glance; in the
    /// technician's language.
    public var text: String { text(in: FieldLanguage.current) }

    public func text(in language: FieldLanguage) -> String {
        func say(_ message: FieldMessage, _ values: [String] = []) -> String { FieldText.say(message, values, in: language) }
        var out: [String] = []
        if adapters.isEmpty {
            out.append(say(.scanNoAdapters))
        } else {
            out.append(say(.scanAdapters, [String(adapters.count)]))
        }
        for adapter in adapters {
            out.append("")
            out.append("\(adapter.path)  \(adapter.name ?? say(.scanNoAdapterName))")
            if let problem = problems.first(where: { $0.path == adapter.path }) {
                out.append(say(.scanNotScanned, [problem.reason]))
            } else if let scan = busScans.first(where: { $0.bus == adapter.path }) {
                out += Self.lines(for: scan, in: language)
            }
        }
        out.append("")
        out += gpioLines(in: language)
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(for scan: I2CBusScan, in language: FieldLanguage) -> [String] {
        func say(_ message: FieldMessage, _ values: [String] = []) -> String { FieldText.say(message, values, in: language) }
        if let reason = scan.notScanned { return [say(.scanNotScanned, [reason])] }
        var out = ["     " + (0..<16).map { "  " + String($0, radix: 16) }.joined().dropFirst(2)]
        for row in stride(from: 0, to: 0x80, by: 0x10) {
            let cells = (row..<row + 0x10).map { value -> String in
                let address = UInt8(value)
                guard scan.addresses.contains(address) else { return "  " }
                switch scan.findings[address] {
                case nil: return "--"
                case .claimedByKernelDriver: return "UU"
                case .device: return hex(address)
                }
            }
            let row = hex(UInt8(row)) + ": " + cells.joined(separator: " ")
            out.append(String(row.reversed().drop(while: { $0 == " " }).reversed()))
        }
        for address in scan.findings.keys.sorted() {
            switch scan.findings[address] {
            case .device(let name)?: out.append("  0x\(hex(address))  \(name ?? say(.scanAnswersUnidentified))")
            case .claimedByKernelDriver?: out.append("  0x\(hex(address))  \(say(.scanKernelDriver))")
            case nil: break
            }
        }
        if scan.findings.isEmpty { out.append(say(.scanNoDeviceAnswered)) }
        return out
    }

    func gpioLines(in language: FieldLanguage) -> [String] {
        func say(_ message: FieldMessage, _ values: [String] = []) -> String { FieldText.say(message, values, in: language) }
        var out: [String] = []
        if gpio.chips.isEmpty && gpio.problems.isEmpty {
            out.append(say(.scanNoGPIOChips))
        } else {
            out.append(say(.scanGPIOChips, [String(gpio.chips.count)]))
        }
        for chip in gpio.chips {
            out.append(say(.scanGPIOChip, [chip.name, chip.label, chip.path, String(chip.lines.count)]))
            for line in chip.lines {
                var fields = [say(.scanGPIOLine, [pad(String(line.offset), to: 3)]), quoted(line.name, ifNil: say(.scanLineUnnamed))]
                fields.append(line.used ? say(.scanLineUsedBy, [quoted(line.consumer, ifNil: say(.scanLineKernel))]) : say(.scanLineFree))
                fields.append(line.direction.rawValue)
                if line.activeLow { fields.append("active-low") }
                if line.bias != .asIs { fields.append(line.bias.rawValue) }
                out.append(fields.joined(separator: " "))
            }
        }
        for problem in gpio.problems { out.append(say(.scanCannotRead, ["\(problem)"])) }
        return out
    }
}

private func hex(_ value: UInt8) -> String {
    let digits = String(value, radix: 16)
    return digits.count < 2 ? "0" + digits : digits
}

private func pad(_ text: String, to width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

private func quoted(_ text: String?, ifNil fallback: String) -> String {
    text.map { "\"\($0)\"" } ?? fallback
}
