import CSystem

/// The C library's words for an errno, so messages say "Permission denied" and not just 13.
enum ErrnoText {
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return "\(String(cString: text)) (errno \(code))"
    }
}
