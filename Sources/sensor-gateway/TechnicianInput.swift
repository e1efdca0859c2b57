import CSystem
import FieldText

/// Answers typed at a prompt: one line from stdin each; end of input counts as an empty answer, so a scripted
/// visit (`< /dev/null`) never waits.
enum TechnicianInput {
    static func line(prompt: String) -> String? {
        print(prompt, terminator: "")
        fflush(sgw_stdout())
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let count = getline(&buffer, &capacity, sgw_stdin())
        guard count >= 0, let buffer else {
            print("")
            return nil
        }
        var text = String(cString: buffer)
        while text.last == "\n" || text.last == "\r" || text.last == " " { text.removeLast() }
        while text.first == " " { text.removeFirst() }
        return text.isEmpty ? nil : text
    }

    /// A number, asked again until one is typed or the answer is empty (skip).
    static func number(prompt: String) -> Double? {
        while let answer = line(prompt: prompt) {
            if let value = Double(answer), value.isFinite { return value }
            print(FieldText.say(.commissionNotNumber, [answer]))
        }
        return nil
    }
}
