import CSystem

/// The C library's words for an `errno` value.
public enum SystemError {
    public static func text(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}
