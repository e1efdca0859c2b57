/// Breaks text into lines of at most `width` characters at spaces, keeping the line breaks it already has;
/// a word longer than a line stands alone on its own. Every non-empty line after wrapping is indented by
/// `indent` spaces, and `indent` counts against the width.
public enum TextWrapping {
    public static func wrap(_ text: String, width: Int, indent: Int = 0) -> String {
        let room = width - indent
        guard room > 0 else { return "" }
        let characters = Array(text)
        var lines: [String] = []
        var start = 0
        while true {
            let end = min(start + room, characters.count)
            if let lineBreak = lastIndex(of: "\n", in: characters, from: start, to: end) {
                var lineStart = start
                for i in start..<lineBreak where characters[i] == "\n" {
                    lines.append(String(characters[lineStart..<i]))
                    lineStart = i + 1
                }
                lines.append(String(characters[lineStart..<lineBreak]))
                start = lineBreak + 1
            } else if end == characters.count {
                lines.append(String(characters[start..<end]))
                break
            } else if let space = lastIndex(of: " ", in: characters, from: start, to: end) {
                lines.append(String(characters[start..<space]))
                start = space + 1
            } else if let space = firstIndex(of: " ", in: characters, from: end) {
                lines.append(String(characters[start..<space]))
                start = space + 1
            } else {
                lines.append(String(characters[start...]))
                break
            }
        }
        let margin = String(repeating: " ", count: indent)
        var indented: [String] = []
        for line in lines { indented.append(line.isEmpty ? line : margin + line) }
        return indented.joined(separator: "\n")
    }

    private static func lastIndex(of c: Character, in characters: [Character], from start: Int, to end: Int) -> Int? {
        var i = end - 1
        while i >= start {
            if characters[i] == c { return i }
            i -= 1
        }
        return nil
    }

    private static func firstIndex(of c: Character, in characters: [Character], from start: Int) -> Int? {
        var i = start
        while i < characters.count {
            if characters[i] == c { return i }
            i += 1
        }
        return nil
    }
}
