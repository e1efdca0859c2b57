/// The machine this board program was built for, as `sensor-gateway --version` and update bundles name it.
public enum BoardArchitecture {
    public static var current: String {
        #if arch(arm64)
        "aarch64"
        #elseif arch(x86_64)
        "x86_64"
        #elseif arch(arm)
        "armv7"
        #else
        "unknown architecture"
        #endif
    }
}
