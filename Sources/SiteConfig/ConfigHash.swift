/// A fingerprint of the exact configuration a gateway ran with, published with its data so a reading can be
/// traced to the site and board files that produced it. FNV-1a 64: stable across platforms and releases
/// (unlike `Hasher`), and no dependency; not meant to resist deliberate collisions.
enum ConfigHash {
    static func fnv1a64(_ parts: [[UInt8]]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
