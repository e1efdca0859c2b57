import CSystem

/// The language a technician reads: Japanese when the locale asks for it, English otherwise.
///
/// POSIX order: `LC_ALL` overrides `LC_MESSAGES`, which overrides `LANG`; the first one set and not empty decides.
/// Any value starting with `ja` (`ja_JP.UTF-8`, `ja_JP`, `ja`) is Japanese. No gettext: the board ships no locale
/// files and Embedded Swift cannot use Foundation's bundles, so the catalogue is a Swift table (`FieldCatalogue`).
public enum FieldLanguage: String, Sendable, Hashable, CaseIterable {
    case english = "en", japanese = "ja"

    public static func fromEnvironment() -> FieldLanguage {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let raw = getenv(name) else { continue }
            let value = String(cString: raw)
            if value.isEmpty { continue }
            return value.hasPrefix("ja") ? .japanese : .english
        }
        return .english
    }

    /// The language of this process, read once.
    public static let current = fromEnvironment()
}
