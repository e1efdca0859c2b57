/// Bounds no real configuration file comes near, which keep a hostile or corrupted one from exhausting the
/// board's stack or memory while it is read.
public enum YAMLLimits {
    /// Mappings and sequences inside each other.
    public static let deepestNesting = 64
    /// Nodes after aliases are expanded (a "billion laughs" file expands a few lines into billions).
    public static let mostNodes = 1_000_000
}
