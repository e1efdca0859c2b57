// swift-tools-version:6.1
import PackageDescription

// Layering (lower never imports higher):
//   GatewayCore            pure quantities, readings, site model, formulas; no I/O, no C, no Foundation
//   BoardIO                protocols at the hardware seam (I2C bus, GPIO edges)
//   SensorDrivers          chip drivers written against BoardIO
//   SimulatedBoard         register-level device models + scripted profiles (shipped, like NIOEmbedded)
//   LinuxBoard             libi2c / libgpiod implementations of BoardIO (only C importer besides MQTT)
//   SiteConfig, SenML, Journal, MQTTTransport   config, wire format, SQLite journal, libmosquitto
//   GatewayRuntime, AggregatorKit               the two programs' logic
let package = Package(
    name: "SensorGateway",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sensor-gateway", targets: ["sensor-gateway"]),
        .executable(name: "kpi-aggregator", targets: ["kpi-aggregator"]),
        .library(name: "SimulatedBoard", targets: ["SimulatedBoard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // System libraries: the only C seams.
        .systemLibrary(name: "CGPIOD", pkgConfig: "libgpiod", providers: [.apt(["libgpiod-dev"])]),
        .systemLibrary(name: "CI2C", providers: [.apt(["libi2c-dev"])]),
        .systemLibrary(name: "CMosquitto", pkgConfig: "libmosquitto", providers: [.apt(["libmosquitto-dev"])]),

        .target(name: "GatewayCore", exclude: ["Pulses/README.md"]),
        .target(name: "BoardIO", dependencies: ["GatewayCore"]),
        .target(name: "SensorDrivers", dependencies: ["GatewayCore", "BoardIO"],
                exclude: ["BME280/README.md", "SHT3x/README.md", "TMP117/README.md", "ADS1115/README.md", "Identify/README.md"]),
        .target(name: "SimulatedBoard", dependencies: ["GatewayCore", "BoardIO", "SensorDrivers"], exclude: ["README.md"]),
        .target(name: "LinuxBoard", dependencies: ["GatewayCore", "BoardIO", "CI2C", "CGPIOD"]),
        .target(name: "SiteConfig", dependencies: ["GatewayCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "SenML", dependencies: ["GatewayCore"]),
        .target(name: "CalibrationStore", dependencies: ["GatewayCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "Journal", dependencies: ["GatewayCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "MQTTTransport", dependencies: ["CMosquitto"]),
        // Process lifecycle shared by both daemons (stop signals).
        .target(name: "DaemonSupport", dependencies: [
            "MQTTTransport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "GatewayRuntime", dependencies: [
            "GatewayCore", "BoardIO", "SensorDrivers", "SimulatedBoard", "LinuxBoard",
            "SiteConfig", "CalibrationStore", "SenML", "Journal", "MQTTTransport", "DaemonSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "AggregatorKit", dependencies: [
            "GatewayCore", "SenML", "MQTTTransport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "sensor-gateway", dependencies: [
            "GatewayRuntime", "DaemonSupport", "GatewayCore", "SiteConfig", "CalibrationStore", "LinuxBoard",
            "SensorDrivers", "MQTTTransport", "Journal", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Benchmarks only (Board/bench/): never shipped, built release for BENCHMARKS.md.
        .executableTarget(name: "journal-bench", dependencies: [
            "Journal", "GatewayCore", "SenML", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "kpi-aggregator", dependencies: [
            "AggregatorKit", "DaemonSupport", "MQTTTransport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Shared by test targets: a private Mosquitto on a free port, subprocess control.
        .target(name: "TestSupport", path: "Sources/TestSupport"),

        .testTarget(name: "GatewayCoreTests", dependencies: [
            "GatewayCore", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SensorDriversTests", dependencies: ["SensorDrivers", "SimulatedBoard", "BoardIO", "GatewayCore"]),
        .testTarget(name: "SiteConfigTests", dependencies: ["SiteConfig", "GatewayCore"]),
        .testTarget(name: "CalibrationStoreTests", dependencies: ["CalibrationStore", "GatewayCore"]),
        .testTarget(name: "SenMLTests", dependencies: ["SenML", "GatewayCore"]),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "GatewayCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "GatewayRuntimeTests", dependencies: ["GatewayRuntime", "GatewayCore", "Journal"]),
        .testTarget(name: "AggregatorKitTests", dependencies: ["AggregatorKit", "SenML", "GatewayCore"]),
        .testTarget(name: "LinuxBoardTests", dependencies: ["LinuxBoard", "BoardIO", "GatewayCore"]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "GatewayCore", "AggregatorKit", "Journal", "SenML", "MQTTTransport", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "DaemonSupportTests", dependencies: ["DaemonSupport"]),
        .testTarget(name: "TransportSecurityTests", dependencies: [
            "MQTTTransport", "TestSupport", "Journal", "GatewayCore", "AggregatorKit",
        ]),
    ]
)
