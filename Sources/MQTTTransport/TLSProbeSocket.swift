import CSystem

/// A plain blocking TCP connection with send/receive timeouts, for the diagnostic handshake. The timeouts
/// also bound connect(2) on Linux, so a diagnosis never hangs the publisher's thread for long.
struct TLSProbeSocket: ~Copyable {
    let fd: Int32

    init?(host: String, port: Int32, timeoutSeconds: Int) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>? = nil
        guard getaddrinfo(host, String(port), &hints, &list) == 0 else { return nil }
        defer { freeaddrinfo(list) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        var candidate = list
        while let ai = candidate {
            let s = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if s >= 0 {
                setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if connect(s, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 {
                    fd = s
                    return
                }
                close(s)
            }
            candidate = ai.pointee.ai_next
        }
        return nil
    }

    /// Shortens the receive timeout, for waiting on an alert that may never come.
    func setReceiveTimeout(milliseconds: Int) {
        var timeout = timeval(tv_sec: milliseconds / 1000, tv_usec: .init((milliseconds % 1000) * 1000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }
}

/// True for an IPv4 or IPv6 literal: those are checked against the certificate's IP addresses, not DNS names.
func isIPAddressLiteral(_ host: String) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 16)
    return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
}
