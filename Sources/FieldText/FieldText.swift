/// Fills a catalogue message with its values: `{1}` is the first value, `{2}` the second, and so on.
public enum FieldText {
    public static func say(_ message: FieldMessage, _ values: [String] = [],
                           in language: FieldLanguage = FieldLanguage.current) -> String {
        fill(FieldCatalogue.template(message, language), values)
    }

    static func fill(_ template: String, _ values: [String]) -> String {
        var out = ""
        let chars = Array(template)
        var i = 0
        while i < chars.count {
            if chars[i] == "{", i + 2 < chars.count, let digit = chars[i + 1].wholeNumberValue, chars[i + 2] == "}",
               digit >= 1, digit <= values.count {
                out += values[digit - 1]
                i += 3
                continue
            }
            if chars[i] == "{", i + 3 < chars.count, chars[i + 1] == "1", let digit = chars[i + 2].wholeNumberValue,
               chars[i + 3] == "}", 10 + digit <= values.count {
                out += values[10 + digit - 1]
                i += 4
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }
}

extension FieldText {
    /// A sentence of `--help`, filled as `say` fills a field message.
    public static func say(_ message: HelpMessage, _ values: [String] = [],
                           in language: FieldLanguage = FieldLanguage.current) -> String {
        fill(FieldCatalogue.template(message, language), values)
    }
}
