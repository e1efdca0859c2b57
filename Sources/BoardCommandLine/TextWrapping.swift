import FieldText

/// Breaks text into lines of fewer than `width` columns, keeping the line breaks it already has. English breaks
/// at spaces only; Japanese, which has none, may also break between two characters when either is wide
/// (`DisplayColumns`), except before closing punctuation, small kana and the long-vowel mark or after opening
/// punctuation (kinsoku). A word longer than a line stands alone on its own. Every non-empty line after wrapping
/// is indented by `indent` spaces, and `indent` counts against the width. Text of one-column characters wraps
/// exactly as swift-argument-parser's help did (the golden files depend on it).
public enum TextWrapping {
    public static func wrap(_ text: String, width: Int, indent: Int = 0) -> String {
        let room = width - indent
        guard room > 0 else { return "" }
        let characters = Array(text)
        // offsets[i]: the columns of characters[..<i].
        var offsets = [0]
        for character in characters { offsets.append(offsets[offsets.count - 1] + DisplayColumns.of(character)) }
        var lines: [String] = []
        var start = 0
        while true {
            var end = start
            while end < characters.count && offsets[end + 1] - offsets[start] <= room { end += 1 }
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
            } else if let cut = lastBreak(in: characters, offsets: offsets, from: start, upTo: end, room: room)
                        ?? firstBreak(in: characters, from: start, after: end) {
                lines.append(String(characters[start..<cut.lineEnd]))
                start = cut.next
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

    /// Where a line ends and the next begins: after a space the space is dropped, between Japanese characters
    /// nothing is.
    struct Cut {
        var lineEnd: Int
        var next: Int
    }

    /// The last place a line starting at `start` may end, leaving it under `room` columns.
    private static func lastBreak(in characters: [Character], offsets: [Int], from start: Int, upTo end: Int,
                                  room: Int) -> Cut? {
        var i = min(end, characters.count - 1)
        while i >= start {
            if offsets[i] - offsets[start] <= room - 1 {
                if characters[i] == " " { return Cut(lineEnd: i, next: i + 1) }
                if i > start && mayBreak(between: characters[i - 1], and: characters[i]) { return Cut(lineEnd: i, next: i) }
            }
            i -= 1
        }
        return nil
    }

    /// The first place after `end` a line may end, for a word longer than the line.
    private static func firstBreak(in characters: [Character], from start: Int, after end: Int) -> Cut? {
        var i = end
        while i < characters.count {
            if characters[i] == " " { return Cut(lineEnd: i, next: i + 1) }
            if i > start && mayBreak(between: characters[i - 1], and: characters[i]) { return Cut(lineEnd: i, next: i) }
            i += 1
        }
        return nil
    }

    static let neverLineStart: Set<Character> = [
        "、", "。", "，", "．", "・", "：", "；", "？", "！", "ー", "）", "」", "』", "】", "〕", "〉", "》", "］", "｝",
        "％", "々", "〜", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ",
        "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ", ")", "]", "}", ",", ".", ":", ";", "!", "?", "%", "'", "\"",
    ]
    static let neverLineEnd: Set<Character> = ["（", "「", "『", "【", "〔", "〈", "《", "［", "｛", "〜", "(", "[", "{", "'", "\""]

    /// Between two characters, one of them wide; beside a space, the space itself is where the line breaks.
    static func mayBreak(between before: Character, and after: Character) -> Bool {
        guard before != " " && after != " " else { return false }
        guard DisplayColumns.of(before) == 2 || DisplayColumns.of(after) == 2 else { return false }
        return !neverLineStart.contains(after) && !neverLineEnd.contains(before)
    }

    private static func lastIndex(of c: Character, in characters: [Character], from start: Int, to end: Int) -> Int? {
        var i = end - 1
        while i >= start {
            if characters[i] == c { return i }
            i -= 1
        }
        return nil
    }
}
