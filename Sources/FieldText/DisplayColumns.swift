/// How many terminal columns text takes: two for the wide characters of Japanese (kanji, kana, full-width
/// forms and punctuation), one for everything else. A short table of the East Asian Wide and Fullwidth ranges
/// a technician's text uses, so Embedded Swift needs no Unicode width data.
public enum DisplayColumns {
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return isWide(scalar.value) ? 2 : 1
    }

    public static func of(_ text: String) -> Int {
        var columns = 0
        for character in text { columns += of(character) }
        return columns
    }

    static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
            return true
        default:
            return false
        }
    }
}
