/// I2C addresses as datasheets and `i2cdetect` print them: 0x48.
func hex(_ value: Int) -> String {
    let digits = String(value, radix: 16, uppercase: false)
    return "0x" + (digits.count < 2 ? "0" + digits : digits)
}
