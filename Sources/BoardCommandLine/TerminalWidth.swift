import CSystem

/// The columns help is wrapped to: `COLUMNS` when set to a number, else the terminal on stdout, else 80
/// (output into a pipe or a file).
public enum TerminalWidth {
    public static let whenUnknown = 80

    public static func current() -> Int {
        if let variable = getenv("COLUMNS"), let columns = Int(String(cString: variable)) { return columns }
        let reported = Int(sgw_terminal_columns(1))
        return reported > 0 ? reported : whenUnknown
    }
}
