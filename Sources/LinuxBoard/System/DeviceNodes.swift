import CSystem

/// Small directory and sysfs readers, so listings need neither Foundation nor a shell.
enum DeviceNodes {
    /// The numbers N of entries named "<prefix>N" in `directory`, ascending (i2c-10 after i2c-9).
    static func numbered(_ prefix: String, in directory: String) -> [Int] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var numbers: [Int] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            guard name.hasPrefix(prefix), let number = Int(name.dropFirst(prefix.count)), number >= 0 else { continue }
            numbers.append(number)
        }
        return numbers.sorted()
    }

    /// The first line of a small text file such as a sysfs attribute, or nil if it cannot be read.
    static func firstLine(of path: String) -> String? {
        let fd = sgw_open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let text = String(decoding: bytes.prefix(count), as: UTF8.self)
        return text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
    }
}
