import Foundation

/// The version a signed bundle carries: its `manifest.json`'s `version`, read from the tar archive without
/// unpacking it to disk (the board checks the signature; this only decides which boards already run it).
public enum BundleVersion {
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    public static func read(_ bundle: String) throws(Unreadable) -> String {
        let problem = Unreadable(description: "\(bundle) is not an update bundle (no readable manifest.json)")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-xOf", bundle, "manifest.json"]
        let pipe = Pipe()
        tar.standardOutput = pipe
        do { try tar.run() } catch { throw problem }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0,
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let version = manifest["version"] as? String else {
            throw problem
        }
        return version
    }
}
