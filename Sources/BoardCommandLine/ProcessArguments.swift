import CSystem

/// The words the program was started with, after its own name. Embedded Swift has no `CommandLine`, so they
/// are read where Linux keeps them for every process, /proc/self/cmdline (NUL-separated), in both build modes.
public enum ProcessArguments {
    public static func current() -> [String] {
        guard let file = fopen("/proc/self/cmdline", "rb") else { return [] }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            guard n > 0 else { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return Array(split(bytes).dropFirst())
    }

    /// Each argument ends in a NUL; an empty argument is kept.
    static func split(_ bytes: [UInt8]) -> [String] {
        var words: [String] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0 {
            words.append(String(decoding: bytes[start..<i], as: UTF8.self))
            start = i + 1
        }
        if start < bytes.count { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return words
    }
}
