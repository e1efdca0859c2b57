import CSystem

/// An eventfd the publisher thread sleeps on beside the broker's socket: the sampler signals it after each
/// commit, the daemon when the status changes or at stop. Signals coalesce (the counter only adds up), so a
/// burst of commits costs the publisher one wake-up.
final class PublisherWakeup: @unchecked Sendable {
    /// -1 if the system refused an eventfd; the publisher then wakes on its own timers only.
    let descriptor: Int32

    init() {
        descriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Wakes the thread if it sleeps, or makes its next sleep return at once. Safe from any thread.
    func signal() {
        guard descriptor >= 0 else { return }
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    /// Resets the counter after a wake-up.
    func clear() {
        guard descriptor >= 0 else { return }
        var count: UInt64 = 0
        _ = read(descriptor, &count, 8)
    }
}
