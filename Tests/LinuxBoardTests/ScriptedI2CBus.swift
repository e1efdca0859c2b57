import BoardIO

/// Test double for code that sits on top of `I2CBus` (the retry decorator, the scanner): each read or write
/// consumes the next scripted outcome, and `answering` decides which addresses a probe finds.
final class ScriptedI2CBus: I2CBus {
    let path = "/dev/i2c-test"
    var outcomes: [Result<UInt8, I2CError>]
    var answering: Set<UInt8>
    private(set) var calls = 0
    private(set) var probes: [UInt8] = []

    init(outcomes: [Result<UInt8, I2CError>] = [], answering: Set<UInt8> = []) {
        self.outcomes = outcomes
        self.answering = answering
    }

    private func next() throws(I2CError) -> UInt8 {
        calls += 1
        guard !outcomes.isEmpty else { return 0 }
        return try outcomes.removeFirst().get()
    }

    func readByte(address: UInt8, register: UInt8) throws(I2CError) -> UInt8 { try next() }
    func writeByte(address: UInt8, register: UInt8, value: UInt8) throws(I2CError) { _ = try next() }
    func readWord(address: UInt8, register: UInt8) throws(I2CError) -> UInt16 { UInt16(try next()) }
    func writeWord(address: UInt8, register: UInt8, value: UInt16) throws(I2CError) { _ = try next() }
    func readBlock(address: UInt8, register: UInt8, count: Int) throws(I2CError) -> [UInt8] {
        [UInt8](repeating: try next(), count: count)
    }
    func transfer(address: UInt8, write: [UInt8], readCount: Int) throws(I2CError) -> [UInt8] {
        [UInt8](repeating: try next(), count: readCount)
    }
    func probe(address: UInt8) -> Bool {
        probes.append(address)
        return answering.contains(address)
    }
}

func failure(_ kind: I2CError.Kind) -> Result<UInt8, I2CError> {
    .failure(I2CError(kind, bus: "/dev/i2c-test", address: 0x48, operation: "read byte"))
}
