/// Text from a file quoted in an error message. Long text is cut (a 2 MB name must not make a 2 MB message)
/// and control characters are shown as `?`, so a message is always one readable line.
public func quotedForMessage(_ text: String) -> String {
    let longest = 80
    var shown = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == longest { break }
        shown.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar)
        count += 1
    }
    let total = text.unicodeScalars.count
    return total > longest ? "\"\(shown)…\" (\(total) characters)" : "\"\(shown)\""
}
