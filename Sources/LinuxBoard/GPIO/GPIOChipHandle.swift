import BoardIO
import CGPIOD
import GatewayCore
import CSystem

/// An open libgpiod chip; closes itself when dropped so no error path leaks a descriptor.
final class GPIOChipHandle {
    let pointer: OpaquePointer

    /// Opens by anything `gpiod_chip_open_lookup` accepts: "gpiochip0", "/dev/gpiochip0", a label, or "0".
    init(lookup descriptor: String, for line: GPIOLineAddress) throws(GPIOError) {
        guard let chip = gpiod_chip_open_lookup(descriptor) else {
            let code = sgw_errno()
            let reason = code == EACCES || code == EPERM
                ? "\(ErrnoText.describe(code)); is the service user in the gpio group?"
                : "no GPIO chip matches '\(descriptor)' by name, path, label or number"
                  + " (\(ErrnoText.describe(code)); see gpiodetect)"
            throw GPIOError(line: line, operation: "open chip", reason: reason)
        }
        pointer = chip
    }

    /// Opens exactly this device node, for listing every chip on the board.
    init?(path: String) {
        guard let chip = gpiod_chip_open(path) else { return nil }
        pointer = chip
    }

    deinit {
        gpiod_chip_close(pointer)
    }

    var name: String { gpiod_chip_name(pointer).map { String(cString: $0) } ?? "" }
    var label: String { gpiod_chip_label(pointer).map { String(cString: $0) } ?? "" }
    var lineCount: UInt32 { gpiod_chip_num_lines(pointer) }
}

/// A line requested from its chip; the chip handle rides along because libgpiod frees lines with their chip.
struct RequestedLine {
    let chip: GPIOChipHandle
    let handle: OpaquePointer
    /// For both-edge requests: the logical level after the last edge delivered. The v1 uAPI labels a
    /// both-edge event by reading the line in its IRQ thread, after the fact, so a pulse or a bounce shorter
    /// than that thread's latency can come out with the wrong label. Physical edges strictly alternate, so
    /// the source labels them itself from this level, and resyncs it from the line whenever the line is quiet.
    var levelAfterLastEdge: Bool?
}
