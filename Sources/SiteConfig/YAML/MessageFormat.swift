// Numbers in messages as a technician would write them in the file: 0x48, 150, 0.1 (not 150.0).

func hex(_ value: Int) -> String {
    let digits = String(value, radix: 16, uppercase: false)
    return "0x" + (digits.count < 2 ? "0" + digits : digits)
}

func plain(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
}
