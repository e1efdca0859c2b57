/// The CRC Sensirion appends to every 16-bit word (SHT3x datasheet §4.12): polynomial x⁸+x⁵+x⁴+1 (0x31),
/// initial value 0xFF, no reflection, no final XOR. Long cables to an outdoor screen corrupt bits; this is
/// how we notice.
public enum SensirionCRC8 {
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt8 {
        var crc: UInt8 = 0xFF
        for byte in bytes {
            crc ^= byte
            for _ in 0..<8 {
                crc = crc & 0x80 != 0 ? (crc << 1) ^ 0x31 : crc << 1
            }
        }
        return crc
    }

    public static func checksum(word: UInt16) -> UInt8 {
        checksum([UInt8(word >> 8), UInt8(word & 0xFF)])
    }
}
