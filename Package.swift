// swift-tools-version:6.1
import PackageDescription

// Layering (lower never imports higher):
//   GatewayCore            pure quantities, readings, site model, formulas; no I/O, no C, no Foundation
//   Platform               the few POSIX services board code needs (locks, threads), over CSystem
//   BoardIO                protocols at the hardware seam (I2C bus, GPIO edges)
//   SensorDrivers          chip drivers written against BoardIO
//   SimulatedBoard         register-level device models + scripted profiles (shipped, like NIOEmbedded)
//   LinuxBoard             libi2c / libgpiod implementations of BoardIO
//   SiteConfig, SenML, Journal, MQTTTransport   config, wire format, SQLite journal (C API), libmosquitto
//   GatewayRuntime, AggregatorKit               the two programs' logic
//
// Two build modes from one source:
// - Full Swift (default): every target, the aggregator and the tests; `swift test` tests the board code too.
// - Embedded Swift (`SGW_EMBEDDED=1`, driven by Board/build-embedded.sh): only the board program's targets,
//   compiled with `-enable-experimental-feature Embedded`: no Foundation, no Swift runtime library, no Swift
//   packages, only C libraries. Embedded modules cannot be imported by full-Swift ones, so this mode builds
//   into its own build path.
let embedded = Context.environment["SGW_EMBEDDED"] == "1"
// Coverage-guided fuzzing (`SGW_FUZZ=1`, driven by Tests/fuzz.sh): adds one libFuzzer harness per parser of
// outside input, built with `swift build --sanitize fuzzer --build-path .build-fuzz --product fuzz-<name>`.
let fuzz = Context.environment["SGW_FUZZ"] == "1" && !embedded
// The Embedded standard library's Unicode tables (string comparison and hashing need them).
let embeddedLibraryDirectory = Context.environment["SGW_EMBEDDED_LIB"]
    ?? "/opt/swift/usr/lib/swift/embedded/x86_64-unknown-linux-gnu"

let boardSwiftSettings: [SwiftSetting] = embedded
    ? [.enableExperimentalFeature("Embedded"), .unsafeFlags(["-wmo"])]
    : []

/// A target of the board program: built in both modes. `fullSwiftOnly` lists dependencies the Embedded
/// mode leaves out (none should remain once a module is Embedded-clean; the Embedded build then proves it).
func board(_ name: String, _ dependencies: [Target.Dependency] = [], fullSwiftOnly: [Target.Dependency] = [],
           path: String? = nil, exclude: [String] = []) -> Target {
    .target(name: name, dependencies: dependencies + (embedded ? [] : fullSwiftOnly), path: path,
            exclude: exclude, swiftSettings: boardSwiftSettings)
}

let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
// The KPI pages' HTTP server. Hummingbird (over SwiftNIO) cannot join this graph: SwiftNIO depends on
// swift-system, whose C target is also named CSystem, and SwiftPM can alias only Swift modules.
let flyingFox: Target.Dependency = .product(name: "FlyingFox", package: "FlyingFox")

// System libraries: the only C seams.
let cTargets: [Target] = [
    .systemLibrary(name: "CSystem"),
    .target(name: "CEmbeddedSupport", cSettings: embedded ? [.define("SGW_EMBEDDED")] : []),
    .systemLibrary(name: "CGPIOD", pkgConfig: "libgpiod", providers: [.apt(["libgpiod-dev"])]),
    .systemLibrary(name: "CI2C", providers: [.apt(["libi2c-dev"])]),
    .systemLibrary(name: "CMosquitto", pkgConfig: "libmosquitto", providers: [.apt(["libmosquitto-dev"])]),
    .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
    .systemLibrary(name: "CcJSON", pkgConfig: "libcjson", providers: [.apt(["libcjson-dev"])]),
    .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
    .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    // OpenSSL's libcrypto: Ed25519 signature checks and SHA-256 of update bundles (libssl already links it for TLS).
    .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
]

let boardTargets: [Target] = [
    board("GatewayCore", exclude: ["Pulses/README.md"]),
    board("Platform", ["CSystem"]),
    board("BoardLog", ["CSystem"]),
    // What scan, check, watch, calibrate and commission say, in English or Japanese by the locale.
    board("FieldText", ["CSystem"]),
    // The board program's commands, options, help and usage errors (what swift-argument-parser did for it).
    board("BoardCommandLine", ["CSystem", "FieldText"], exclude: ["README.md"]),
    board("SystemdNotify", ["CSystemd", "CSystem"]),
    board("BoardIO", ["GatewayCore", "FieldText"]),
    board("SensorDrivers", ["GatewayCore", "BoardIO", "FieldText", "CSystem"],
          exclude: ["BME280/README.md", "SHT3x/README.md", "TMP117/README.md", "ADS1115/README.md", "Identify/README.md"]),
    board("SimulatedBoard", ["GatewayCore", "BoardIO", "SensorDrivers", "Platform", "CSystem"], exclude: ["README.md"]),
    board("LinuxBoard", ["GatewayCore", "BoardIO", "FieldText", "CI2C", "CGPIOD", "Platform", "CSystem"]),
    // Site, board and calibration files: libyaml's events composed into a node tree with line/column marks.
    board("YAMLReader", ["CYAML", "CSystem"]),
    board("SiteConfig", ["GatewayCore", "YAMLReader", "FieldText", "Platform", "CSystem"]),
    board("SenML", ["GatewayCore", "Platform", "CSystem", "CcJSON"], exclude: ["README.md"]),
    board("CalibrationStore", ["GatewayCore", "YAMLReader", "FieldText", "Platform", "CSystem"]),
    board("Journal", ["GatewayCore", "FieldText", "Platform", "CSystem", "CSQLite"]),
    board("MQTTTransport", ["CMosquitto", "FieldText", "Platform", "CSystem"]),
    // Process lifecycle shared by both daemons (stop signals, broker login).
    board("DaemonSupport", ["MQTTTransport", "BoardCommandLine", "FieldText", "Platform", "CSystem"]),
    board("GatewayRuntime", [
        "GatewayCore", "BoardIO", "SensorDrivers", "SimulatedBoard", "LinuxBoard",
        "SiteConfig", "CalibrationStore", "SenML", "Journal", "MQTTTransport", "DaemonSupport", "Platform", "CSystem",
        "BoardLog", "SystemdNotify", "CEmbeddedSupport", "FieldText", "YAMLReader",
    ], exclude: ["Sampling/README.md"]),
    // Signed, slotted, health-gated updates of the board program (`sgw-update`, Deploy/update/README.md).
    board("BoardUpdate", ["CCrypto", "CcJSON", "CSQLite", "MQTTTransport", "DaemonSupport", "SenML", "SystemdNotify", "Platform",
                          "CSystem", "BoardLog"]),
    .executableTarget(name: "sgw-update", dependencies: [
        "BoardUpdate", "BoardCommandLine", "BoardLog", "MQTTTransport", "DaemonSupport", "Platform", "CSystem",
        "CEmbeddedSupport",
    ],
    swiftSettings: boardSwiftSettings,
    linkerSettings: embedded
        ? [.unsafeFlags(["\(embeddedLibraryDirectory)/libswiftUnicodeDataTables.a"])]
            + ["mosquitto", "ssl", "crypto", "sqlite3", "cjson", "systemd", "m"].map { .linkedLibrary($0) }
        : []),
    .executableTarget(name: "sensor-gateway", dependencies: [
        "GatewayRuntime", "DaemonSupport", "GatewayCore", "SiteConfig", "CalibrationStore", "LinuxBoard",
        "SensorDrivers", "SimulatedBoard", "MQTTTransport", "Journal", "Platform", "CSystem", "CEmbeddedSupport",
        "BoardCommandLine", "BoardLog", "FieldText",
    ],
    swiftSettings: boardSwiftSettings,
    linkerSettings: embedded
        // Embedded objects carry no autolink entries, so the modulemaps' `link` lines do not reach the linker.
        ? [.unsafeFlags(["\(embeddedLibraryDirectory)/libswiftUnicodeDataTables.a"])]
            + ["mosquitto", "ssl", "crypto", "sqlite3", "yaml", "cjson", "gpiod", "i2c", "systemd", "m"].map { .linkedLibrary($0) }
        : []),
]

// The city side and the tests: full Swift only.
let fullSwiftTargets: [Target] = [
    // PostgreSQL's C client, for the city's second store.
    .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .target(name: "AggregatorKit", dependencies: ["GatewayCore", "SenML", "MQTTTransport", "DaemonSupport", "CcJSON", "CLibPQ", "YAMLReader", grdb,
                                                   .product(name: "GRDBSQLite", package: "GRDB.swift"), logging, argumentParser]),
    // Benchmarks only (Board/bench/): never shipped, built release for BENCHMARKS.md.
    .executableTarget(name: "journal-bench", dependencies: ["Journal", "GatewayCore", "SenML", argumentParser]),
    // DaemonSupport's broker login as swift-argument-parser options, for the city's daemon.
    .executableTarget(name: "kpi-aggregator", dependencies: [
        "AggregatorKit", "DaemonSupport", "MQTTTransport", "YAMLReader", argumentParser, flyingFox,
    ]),

    // The maintainers' side of updates (Deploy/update/README.md): run on a maintainer's machine, never on a board,
    // so full Swift with Foundation, and kept with the rest of the update tooling under Deploy/update, away from
    // the board's Sources/. MaintainerKit rolls a signed bundle out to an inventory of boards in waves over the
    // system's OpenSSH client; `fleet-update` is its command line.
    .target(name: "MaintainerKit", path: "Deploy/update/Sources/MaintainerKit"),
    .executableTarget(name: "fleet-update", dependencies: ["MaintainerKit", argumentParser],
                      path: "Deploy/update/Sources/fleet-update"),

    // Shared by test targets: a private Mosquitto on a free port, subprocess control.
    .target(name: "TestSupport", path: "Sources/TestSupport"),

    .testTarget(name: "GatewayCoreTests", dependencies: [
        "GatewayCore", .product(name: "PropertyBased", package: "swift-property-based"),
    ]),
    .testTarget(name: "SensorDriversTests", dependencies: ["SensorDrivers", "SimulatedBoard", "BoardIO", "GatewayCore"]),
    .testTarget(name: "SiteConfigTests", dependencies: ["SiteConfig", "GatewayCore", "YAMLReader"]),
    .testTarget(name: "CalibrationStoreTests", dependencies: ["CalibrationStore", "GatewayCore", "YAMLReader"]),
    .testTarget(name: "SenMLTests", dependencies: ["SenML", "GatewayCore", "AggregatorKit"]),
    .testTarget(name: "JournalTests", dependencies: ["Journal", "GatewayCore"]),
    .testTarget(name: "GatewayRuntimeTests", dependencies: [
        "GatewayRuntime", "GatewayCore", "Journal", "MQTTTransport", "SenML", "BoardLog", "TestSupport",
    ]),
    .testTarget(name: "AggregatorKitTests", dependencies: ["AggregatorKit", "SenML", "GatewayCore", "MQTTTransport", "TestSupport", grdb, logging]),
    .testTarget(name: "LinuxBoardTests", dependencies: ["LinuxBoard", "BoardIO", "GatewayCore", "FieldText"]),
    .testTarget(name: "EndToEndTests", dependencies: [
        "GatewayCore", "AggregatorKit", "Journal", "SenML", "MQTTTransport", "TestSupport", grdb,
    ]),
    // The KPI pages in headless Chromium (Debian's chromium): screenshots and the rendered DOM against the JSON report.
    .testTarget(name: "KPIPagesTests", dependencies: ["AggregatorKit", "GatewayCore", "SenML", "TestSupport"]),
    .testTarget(name: "DaemonSupportTests", dependencies: ["DaemonSupport", "AggregatorKit"]),
    .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
    .testTarget(name: "BoardLogTests", dependencies: ["BoardLog"]),
    .testTarget(name: "FieldVisitTests", dependencies: [
        "FieldText", "GatewayRuntime", "GatewayCore", "SiteConfig", "SimulatedBoard", "CalibrationStore", "Journal",
        "TestSupport", "AggregatorKit", "SenML", "BoardIO", "SensorDrivers", "MQTTTransport",
    ]),
    .testTarget(name: "BoardCommandLineTests", dependencies: ["BoardCommandLine", "FieldText"]),
    .testTarget(name: "BoardUpdateTests", dependencies: ["BoardUpdate"]),
    .testTarget(name: "MaintainerKitTests", dependencies: ["MaintainerKit"]),
    .testTarget(name: "SystemdNotifyTests", dependencies: ["SystemdNotify", "CSystem"]),
    .testTarget(name: "TransportSecurityTests", dependencies: [
        "MQTTTransport", "TestSupport", "Journal", "GatewayCore", "AggregatorKit", "BoardUpdate", "DaemonSupport",
    ]),
]

/// A libFuzzer harness in Fuzz/<name>/Harness.swift (`@_cdecl("LLVMFuzzerTestOneInput")`, no main: libFuzzer's).
/// Its seed corpus is Fuzz/<name>/corpus, and inputs that once crashed it are kept in Fuzz/<name>/crashes.
func fuzzer(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: "fuzz-\(name)", dependencies: dependencies + ["FuzzSupport"], path: "Fuzz/\(name)",
                      sources: ["Harness.swift"], swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let fuzzTargets: [Target] = [
    .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
    fuzzer("senml-intake", ["AggregatorKit", "GatewayCore"]),
    fuzzer("status-intake", ["AggregatorKit"]),
    fuzzer("resend-request", ["SenML"]),
    fuzzer("site-file", ["SiteConfig"]),
    fuzzer("board-file", ["SiteConfig"]),
    fuzzer("calibration-file", ["CalibrationStore"]),
    fuzzer("city-file", ["AggregatorKit"]),
]

let package = Package(
    name: "SensorGateway",
    platforms: [.macOS(.v14)],
    products: [.executable(name: "sensor-gateway", targets: ["sensor-gateway"])] + (embedded ? [] : [
        .executable(name: "kpi-aggregator", targets: ["kpi-aggregator"]),
        .library(name: "SimulatedBoard", targets: ["SimulatedBoard"]),
    ]),
    dependencies: embedded ? [] : [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        // `kpi-aggregator serve`: the city's KPI pages (HTTP/1.1, no dependencies of its own).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: cTargets + boardTargets + (embedded ? [] : fullSwiftTargets) + (fuzz ? fuzzTargets : [])
)
