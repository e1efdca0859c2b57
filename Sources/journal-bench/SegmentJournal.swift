import Glibc

/// The alternative to SQLite that issue 5 asked to measure, kept inside the bench: one append-only file of
/// records `[length u32 LE][crc32 u32 LE][kind u8][payload]`, where length counts kind + payload and the CRC
/// covers them. A batch is one write(2) and one fsync, so a tick costs one sync as in the real journal.
///
/// Torn-tail rule: on open the file is read from the start and cut at the first record whose length runs past
/// the end of the file or whose CRC does not match. Everything before that point was fsynced whole; a power
/// cut can only tear the batch being written, which was never acknowledged to the sampler as durable.
///
/// Not a product: no segment rotation, no pruning of acknowledged records, no index to find unsent ones.
final class SegmentJournal {
    enum Kind: UInt8 {
        case reading = 1
        /// Everything up to `payload` (a record count, u64 LE) reached the broker. Appended without its own
        /// fsync: a lost ack only makes the board send those readings again, which the city deduplicates.
        case acknowledged = 2
    }

    static let headerBytes = 9
    let path: String
    private let fd: Int32
    private(set) var fsyncs = 0
    private(set) var bytesHandedToWrite = 0
    /// Records found whole when the file was opened.
    private(set) var recoveredRecords = 0

    init(path: String) throws(SegmentError) {
        self.path = path
        let existed = access(path, F_OK) == 0
        fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SegmentError("open \(path): errno \(errno)") }
        if existed {
            let (records, validBytes) = try Self.scan(fd: fd)
            recoveredRecords = records
            guard ftruncate(fd, off_t(validBytes)) == 0 else { throw SegmentError("truncate torn tail: errno \(errno)") }
        } else {
            // A new file's name is durable only once its directory is synced.
            let slash = path.lastIndex(of: "/")
            let dir = open(slash.map { String(path[..<$0]) } ?? ".", O_RDONLY | O_DIRECTORY)
            if dir >= 0 { fsync(dir); fsyncs += 1; close(dir) }
        }
    }

    deinit { close(fd) }

    func append(_ records: [(Kind, [UInt8])], sync: Bool) throws(SegmentError) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(records.reduce(0) { $0 + Self.headerBytes + $1.1.count })
        for (kind, payload) in records {
            var body = [kind.rawValue]
            body.append(contentsOf: payload)
            Self.putU32(UInt32(body.count), into: &buffer)
            Self.putU32(CRC32.checksum(body), into: &buffer)
            buffer.append(contentsOf: body)
        }
        let written = buffer.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == buffer.count else { throw SegmentError("write: \(written) of \(buffer.count) bytes, errno \(errno)") }
        bytesHandedToWrite += written
        if sync {
            guard fdatasync(fd) == 0 else { throw SegmentError("fdatasync: errno \(errno)") }
            fsyncs += 1
        }
    }

    /// Counts whole records from the start and returns where the valid prefix ends.
    static func scan(fd: Int32) throws(SegmentError) -> (records: Int, validBytes: Int) {
        let size = Int(lseek(fd, 0, SEEK_END))
        var bytes = [UInt8](repeating: 0, count: size)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, size, 0) }
        guard got == size else { throw SegmentError("read for recovery: errno \(errno)") }
        var offset = 0, records = 0
        while offset + headerBytes <= size {
            let length = Int(getU32(bytes, at: offset))
            let end = offset + 8 + length
            guard length >= 1, end <= size,
                  CRC32.checksum(bytes[(offset + 8)..<end]) == getU32(bytes, at: offset + 4) else { break }
            records += 1
            offset = end
        }
        return (records, offset)
    }

    private static func putU32(_ v: UInt32, into buffer: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { buffer.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    private static func getU32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << UInt32(8 * $1) }
    }
}

struct SegmentError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
