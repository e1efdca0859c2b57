import BoardIO

/// The hardware a site runs on: the Linux kernel's devices or the simulated board. Samplers see only these
/// protocols, so the same code path runs in the field, on the virtual board and in tests.
struct BoardHardware {
    var i2c: I2CBusProvider
    var gpio: EdgeLineProvider
    var clock: MonotonicClock
}
