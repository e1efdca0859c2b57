import Foundation
import Testing

/// A datagram socket bound where systemd's notify socket would be, recording what arrives and when.
final class NotifySocket {
    struct Message: CustomStringConvertible {
        let text: String
        let at: Date
        var description: String { "\(String(format: "%.2f", at.timeIntervalSince1970.truncatingRemainder(dividingBy: 1000))) \(text.debugDescription)" }
    }

    let path: String
    private let fd: Int32
    private(set) var messages: [Message] = []

    init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        try #require(path.utf8.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "cannot bind \(path): errno \(errno)")
    }

    deinit { close(fd); unlink(path) }

    /// Records messages for `seconds`.
    func receive(for seconds: Double) {
        _ = receive(until: seconds) { _ in false }
    }

    /// Records messages until `done` holds for what was received, or `seconds` pass; whether it held.
    @discardableResult
    func receive(until seconds: Double, _ done: ([Message]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if done(messages) { return true }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) == 1 else { continue }
            var buffer = [UInt8](repeating: 0, count: 1024)
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 { messages.append(Message(text: String(decoding: buffer[0..<n], as: UTF8.self), at: Date())) }
        }
        return done(messages)
    }
}
