// swift-tools-version:6.1
import PackageDescription

// Layers (see README "Architecture"): arrows point at what a layer may import.
//   TitleholdCore  (rules, value types)           -> Foundation only
//   Barcode        (scan interpretation, HID)     -> Foundation only
//   Importers      (UBL 2.1, camt.053)            -> TitleholdCore
//   LedgerStore    (GRDB on system libsqlite3)    -> TitleholdCore, Importers (for the parsed-file shapes)
//   Documents      (letters, sheets, manifests,   -> TitleholdCore, Barcode, Mustache
//                   iCalendar: printable output)
//   ScannerDriver  (libusb, Drivers/)             -> CLibUSB
//   TitleholdApp   (composition root, services)   -> everything above
//   TitleholdServer (HTTP API, pages, live intake) -> TitleholdApp, Hummingbird
//   titlehold      (the CLI executable)           -> TitleholdApp
let package = Package(
    name: "Titlehold",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "titlehold", targets: ["titlehold"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already under Hummingbird; named for NIOPosix's executor takeover in `titlehold serve`.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    ],
    targets: [
        // MARK: Rules core and pure modules
        .target(name: "TitleholdCore"),
        .target(name: "Barcode"),
        .target(name: "Importers", dependencies: ["TitleholdCore"]),

        // MARK: Store
        // The system libsqlite3's C API, for what GRDB does not offer (process-wide settings) and the benchmark's floor.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "LedgerStore",
            dependencies: [
                "TitleholdCore", "Importers", "CSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // MARK: Data files (warranty catalog, rate tables, demo documents, layouts...).
        // The folder is the top-level `Resources/`; `ResourceLocator` finds it at run time.
        .target(
            name: "TitleholdResources", path: "Resources", sources: ["ResourceLocator.swift"],
            resources: [
                .copy("demo"), .copy("rates"), .copy("calendar"), .copy("gs1"), .copy("keyboard-layouts"),
                .copy("scanners"), .copy("warranty"), .copy("templates"), .copy("openapi"),
            ]),

        // MARK: Printable documents (Mustache templates in Resources/templates)
        .target(
            name: "Documents",
            dependencies: ["TitleholdCore", "Barcode", .product(name: "Mustache", package: "swift-mustache")]),

        // MARK: USB driver and scanner emulator (Drivers/, Tests/ScannerEmulator)
        .systemLibrary(
            name: "CLibUSB", path: "Drivers/CLibUSB", pkgConfig: "libusb-1.0",
            providers: [.apt(["libusb-1.0-0-dev"])]),
        .target(name: "ScannerDriver", dependencies: ["CLibUSB"], path: "Drivers/ScannerDriver"),
        // umockdev emulated scanners, for tests only (run them under `umockdev-wrapper`).
        .systemLibrary(
            name: "CUMockDev", path: "Tests/CUMockDev", pkgConfig: "umockdev-1.0",
            providers: [.apt(["libumockdev-dev", "umockdev"])]),
        .target(name: "ScannerEmulator", dependencies: ["CUMockDev"], path: "Tests/ScannerEmulator"),
        // `scanner-emulator [-e CMD]... -- PROGRAM`: runs a binary against emulated scanners (end-to-end tests).
        .executableTarget(name: "scanner-emulator", dependencies: ["ScannerEmulator"], path: "Tests/ScannerEmulatorHost"),

        // MARK: Application
        .target(
            name: "TitleholdApp",
            dependencies: [
                "TitleholdCore", "Barcode", "Importers", "LedgerStore", "ScannerDriver", "TitleholdResources", "Documents",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The HTTP service (`titlehold serve`): JSON API, front-desk pages, live intake, access control, metrics.
        .target(
            name: "TitleholdServer",
            dependencies: [
                "TitleholdApp", "TitleholdCore", "LedgerStore", "Documents", "Barcode", "ScannerDriver", "TitleholdResources",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .executableTarget(
            name: "titlehold",
            dependencies: [
                "TitleholdServer", "TitleholdApp", "TitleholdCore", "Barcode", "LedgerStore", "Importers", "TitleholdResources", "Documents",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Benchmarks
        // `swift run -c release ledger-benchmark --items N`: the speed benchmark of the ledger (issue "The ledger", Speed).
        .executableTarget(
            name: "ledger-benchmark",
            dependencies: [
                "LedgerStore", "TitleholdApp", "TitleholdCore", "Importers", "CSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/LedgerBenchmark"),
        // `swift run -c release intake-benchmark --scans N`: decode throughput and scan-to-durable-ack latency.
        .executableTarget(
            name: "intake-benchmark", dependencies: ["Barcode", "LedgerStore", "TitleholdApp", "TitleholdCore"],
            path: "Benchmarks/IntakeBenchmark"),

        // `swift run -c release decisions-benchmark`: flags and dunning at 1M items beside one SQL query (issue 4, Speed).
        .executableTarget(
            name: "decisions-benchmark",
            dependencies: ["LedgerStore", "TitleholdCore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/DecisionsBenchmark", exclude: ["eligible-serials.sql", "eligible-serials-client.sql"]),

        // MARK: Tests
        // What several test targets share: the trait that removes the temporary folders a test makes.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TitleholdCoreTests", dependencies: ["TitleholdCore"]),
        .testTarget(name: "BarcodeTests", dependencies: ["Barcode"]),
        .testTarget(name: "ImportersTests", dependencies: ["Importers"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "TitleholdCore", "Barcode"]),
        .testTarget(
            name: "LedgerStoreTests",
            dependencies: ["LedgerStore", "TitleholdApp", "Importers", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        // Runs the built `titlehold` binary as a user would; depending on it makes `swift test` build it.
        .testTarget(name: "EndToEndTests", dependencies: ["titlehold", "scanner-emulator", "TitleholdCore", "TestSupport"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "TitleholdServer", "TitleholdApp", "LedgerStore", "TitleholdCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(name: "ScannerDriverTests", dependencies: ["ScannerDriver", "ScannerEmulator", "scanner-emulator", "TestSupport"]),
    ]
)
