/// The character and length rules for the names a board's messages carry: device, site and channel ids,
/// quality, calibration ids, units and free text. Checked before anything is stored, so 2 MB channel names
/// or control characters never reach the database or a log line.
public enum IntakeName {
    /// Ids that become topic levels, table keys and report lines.
    public static let maximumIDLength = 64
    /// Units (RFC 8428 registers short symbols such as `Cel`, `%RH`, `m3/s`).
    public static let maximumUnitLength = 16
    /// Free text: a fault's reason, a derived channel's method, a firmware string.
    public static let maximumTextLength = 512

    /// 1 to 64 of `A-Z a-z 0-9 . _ -`. Read from the string's UTF-8 view, not from a copy in an array: this runs
    /// for every record (its channel) and every message (its topic's site and device).
    public static func isID(_ s: String) -> Bool {
        let count = s.utf8.count
        guard count > 0, count <= maximumIDLength else { return false }
        return s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x5F || b == 0x2D
        }
    }

    /// Printable ASCII without spaces, 1 to 16 bytes.
    public static func isUnit(_ s: String) -> Bool {
        let count = s.utf8.count
        return count > 0 && count <= maximumUnitLength && s.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// Up to `limit` bytes of UTF-8 without control characters.
    public static func isText(_ s: String, limit: Int = maximumTextLength) -> Bool {
        s.utf8.count <= limit && !s.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }
    }

    /// A name quoted for a log line or an error: at most 64 characters, control characters escaped, so a
    /// hostile name cannot flood or forge log lines.
    public static func quoted(_ s: String) -> String {
        var out = ""
        for (i, scalar) in s.unicodeScalars.enumerated() {
            if i == 64 { out += "…(\(s.utf8.count) bytes)"; break }
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\"" || scalar == "\\" {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return "\"" + out + "\""
    }
}
