/// How one message becomes one line of stderr.
public enum LogLine {
    /// Under systemd (`JOURNAL_STREAM` set) the line starts `<N>` so journald keeps its priority; on a terminal
    /// or in a file it starts with the priority's word and the label. A message with line breaks stays one entry.
    public static func format(_ priority: LogPriority, label: String, _ message: String, forJournal: Bool) -> String {
        var text = ""
        for c in message.unicodeScalars { text.unicodeScalars.append(c == "\n" || c == "\r" ? " " : c) }
        return forJournal ? "<\(priority.rawValue)>\(text)\n" : "\(priority.word) \(label): \(text)\n"
    }
}
