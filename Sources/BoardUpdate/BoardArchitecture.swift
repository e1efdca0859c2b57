/// The machine this board program was built for, in the words `sensor-gateway --version` and bundle manifests use.
public enum BoardArchitecture {
    public static var current: String {
        #if arch(arm64)
        "aarch64"
        #elseif arch(x86_64)
        "x86_64"
        #elseif arch(arm)
        "armv7"
        #else
        "unknown"
        #endif
    }
}
