import Foundation

/// The bytes libFuzzer hands a harness, and a scratch folder of this process for the parsers that read
/// files (site, board, calibration): each input is written there and read back through the parser's public
/// entry point, as `sensor-gateway check` would read it.
public enum FuzzInput {
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// A folder unique to this process, created once.
    public static let scratch: String = {
        let dir = NSTemporaryDirectory() + "sgw-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// Writes `bytes` to `relativePath` under the scratch folder and returns the full path.
    public static func write(_ bytes: [UInt8], to relativePath: String) -> String {
        let path = scratch + "/" + relativePath
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Stops the fuzzer with a finding: an input broke a promise the parser makes about its output.
    public static func violated(_ promise: String) -> Never {
        fatalError("fuzz finding: \(promise)")
    }
}
