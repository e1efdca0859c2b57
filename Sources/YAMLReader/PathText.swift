/// File paths as text, taken apart the way the gateway's messages show them: nothing is resolved or
/// normalised, so `sites/../boards/x.yaml` stays as the technician wrote it.
public enum PathText {
    /// `Board/sites/a.yaml` → `Board/sites`; `a.yaml` → ``; `/a` → `/`.
    public static func folder(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// `Board/sites/a.yaml` → `a.yaml`.
    public static func lastComponent(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `a.yaml` → `a`; a leading dot (`.hidden`) is not an extension.
    public static func withoutExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `folder` + `/` + `name`, without doubling a slash; an empty folder leaves `name` as it is.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func withoutTrailingSlashes(_ path: String) -> String {
        var text = Substring(path)
        while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
