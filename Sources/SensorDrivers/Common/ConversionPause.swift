import BoardIO
import CSystem

/// Waits while a chip converts. Chips are polled after the datasheet's typical conversion time rather than
/// hammered in a loop, so a slow conversion does not flood a bus shared with other sensors.
extension RegisterDevice {
    func pause(microseconds: Int) {
        guard bus.conversionsTakeRealTime else { return }
        waitForConversion(microseconds: microseconds)
    }
}

private func waitForConversion(microseconds: Int) {
    guard microseconds > 0 else { return }
    var request = timespec(tv_sec: microseconds / 1_000_000, tv_nsec: (microseconds % 1_000_000) * 1000)
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && sgw_errno() == EINTR {
        request = remaining
    }
}
