/// The route from the document root to a value, written the way a technician reads the file:
/// `channels[2].range.urv`.
struct KeyPath: CustomStringConvertible, Sendable {
    let description: String

    static let root = KeyPath(description: "")

    func child(_ key: String) -> KeyPath {
        KeyPath(description: description.isEmpty ? key : description + "." + key)
    }

    func index(_ i: Int) -> KeyPath { KeyPath(description: description + "[\(i)]") }
}
