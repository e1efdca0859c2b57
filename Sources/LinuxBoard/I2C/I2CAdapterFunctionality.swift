import CI2C

/// The adapter's I2C_FUNCS mask: which transfers this controller can do at all.
///
/// Checked before each call so a missing capability reads as `unsupported` with the transfer named, rather than
/// an EOPNOTSUPP (or worse, an emulation surprise) from deep inside the kernel.
public struct I2CAdapterFunctionality: OptionSet, Hashable, Sendable {
    public let rawValue: UInt
    public init(rawValue: UInt) { self.rawValue = rawValue }

    public static let plainI2C = Self(rawValue: UInt(I2C_FUNC_I2C))
    public static let smbusReadByte = Self(rawValue: UInt(I2C_FUNC_SMBUS_READ_BYTE))
    public static let smbusReadByteData = Self(rawValue: UInt(I2C_FUNC_SMBUS_READ_BYTE_DATA))
    public static let smbusWriteByteData = Self(rawValue: UInt(I2C_FUNC_SMBUS_WRITE_BYTE_DATA))
    public static let smbusReadWordData = Self(rawValue: UInt(I2C_FUNC_SMBUS_READ_WORD_DATA))
    public static let smbusWriteWordData = Self(rawValue: UInt(I2C_FUNC_SMBUS_WRITE_WORD_DATA))
    public static let smbusReadI2CBlock = Self(rawValue: UInt(I2C_FUNC_SMBUS_READ_I2C_BLOCK))
}
