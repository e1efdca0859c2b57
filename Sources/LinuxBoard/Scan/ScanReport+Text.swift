import GatewayCore

extension ScanReport {
    /// Plain text for a technician at the cabinet: an i2cdetect-style grid per bus with names under it, then
    /// the GPIO chips with each line's owner, so a wiring fault or a busy line is visible at a glance.
    public var text: String {
        var out: [String] = []
        if adapters.isEmpty {
            out.append("No I2C adapters (no /dev/i2c-*): enable I2C in the device tree and load i2c-dev.")
        } else {
            out.append("I2C adapters: \(adapters.count)")
        }
        for adapter in adapters {
            out.append("")
            out.append("\(adapter.path)  \(adapter.name ?? "(no adapter name in sysfs)")")
            if let problem = problems.first(where: { $0.path == adapter.path }) {
                out.append("  not scanned: \(problem.reason)")
            } else if let scan = busScans.first(where: { $0.bus == adapter.path }) {
                out += Self.lines(for: scan)
            }
        }
        out.append("")
        out += gpioLines()
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(for scan: I2CBusScan) -> [String] {
        if let reason = scan.notScanned { return ["  not scanned: \(reason)"] }
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
            case .device(let name)?: out.append("  0x\(hex(address))  \(name ?? "answers, not identified")")
            case .claimedByKernelDriver?: out.append("  0x\(hex(address))  in use by a kernel driver (UU)")
            case nil: break
            }
        }
        if scan.findings.isEmpty { out.append("  no device answered (check power, wiring and pull-ups)") }
        return out
    }

    func gpioLines() -> [String] {
        var out: [String] = []
        if gpio.chips.isEmpty && gpio.problems.isEmpty {
            out.append("No GPIO chips (no /dev/gpiochip*).")
        } else {
            out.append("GPIO chips: \(gpio.chips.count)")
        }
        for chip in gpio.chips {
            out.append("\(chip.name) [\(chip.label)] \(chip.path), \(chip.lines.count) lines")
            for line in chip.lines {
                var fields = ["  line \(pad(String(line.offset), to: 3)):", quoted(line.name, ifNil: "unnamed")]
                fields.append(line.used ? "used by " + quoted(line.consumer, ifNil: "kernel") : "free")
                fields.append(line.direction.rawValue)
                if line.activeLow { fields.append("active-low") }
                if line.bias != .asIs { fields.append(line.bias.rawValue) }
                out.append(fields.joined(separator: " "))
            }
        }
        for problem in gpio.problems { out.append("  cannot read \(problem)") }
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
