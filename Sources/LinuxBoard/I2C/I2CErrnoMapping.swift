import BoardIO
import CSystem

/// Translates the errno of a failed i2c-dev call into what it means at the well head.
///
/// The kernel's I2C fault-code convention (Documentation/i2c/fault-codes.rst) is what adapter drivers follow:
/// - ENXIO (SMBus controllers) and EREMOTEIO (I2C controllers) both say "the address was not acknowledged":
///   the chip is absent, unpowered or strapped to another address.
/// - ENODEV: what i2c-stub (and some bit-banged adapters) return for an address with no chip behind it;
///   the same "nobody answered" as a NAK, and retrying will not make a chip appear.
/// - ETIMEDOUT: the transfer did not finish, typically a chip stretching SCL forever or SDA stuck low.
/// - EIO and EAGAIN are bus-level trouble: EIO is the catch-all adapters return for a malformed or disturbed
///   transfer (noise, missing pull-ups, a glitch on a long cable), and EAGAIN is the documented code for lost
///   arbitration, i.e. something else drove the bus. Both tend to pass, hence `busError` (transient).
/// - EOPNOTSUPP: the adapter cannot do this kind of transfer at all; retrying cannot help.
/// Anything else keeps its errno so the message still names it.
public enum I2CErrnoMapping {
    public static func kind(errno code: Int32) -> I2CError.Kind {
        switch code {
        case ENXIO, EREMOTEIO, ENODEV: .noAcknowledge
        case ETIMEDOUT: .timeout
        case EIO, EAGAIN: .busError
        case EOPNOTSUPP: .unsupported
        default: .other(errno: code)
        }
    }
}
