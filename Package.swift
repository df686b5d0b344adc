// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "PersonalDataLedger",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PersonalDataLedger", targets: ["PersonalDataLedger"]),
        .library(name: "PersonalDataLedgerFileStore", targets: ["PersonalDataLedgerFileStore"]),
        .library(name: "PersonalDataLedgerReports", targets: ["PersonalDataLedgerReports"]),
        .library(name: "PersonalDataLedgerTesting", targets: ["PersonalDataLedgerTesting"]),
        .library(name: "PDLCommands", targets: ["PDLCommands"]),
        .executable(name: "pdl", targets: ["pdl"]),
    ],
    targets: [
        // SHA-256, HMAC-SHA256 and CRC32C, hand-written because the root has no dependencies;
        // `package` access only, so they never clash with a service's own crypto library.
        .target(name: "LedgerCrypto", dependencies: ["CLedgerCrypto"], swiftSettings: strictSettings),
        // LedgerCrypto's C part: SHA-256's compression on the CPU's SHA extensions (x86-64 SHA-NI),
        // chosen at run time by `cpuid` — the function carries its own `target` attribute, so no
        // unsafe flags; elsewhere LedgerCrypto compresses in Swift — and the kernel's random bytes
        // a buffer per system call.
        .target(name: "CLedgerCrypto"),
        .target(
            name: "PersonalDataLedger",
            dependencies: ["LedgerCrypto"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PersonalDataLedgerFileStore",
            dependencies: ["PersonalDataLedger", "LedgerCrypto"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PersonalDataLedgerReports",
            dependencies: ["PersonalDataLedger"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PersonalDataLedgerTesting",
            dependencies: ["PersonalDataLedger"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PDLCommands",
            dependencies: ["PersonalDataLedger", "PersonalDataLedgerFileStore", "PersonalDataLedgerReports"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pdl",
            dependencies: ["PDLCommands"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ledger-crash-writer",
            dependencies: ["PersonalDataLedger", "PersonalDataLedgerFileStore"],
            path: "Tests/CrashWriter",
            swiftSettings: strictSettings
        ),
        // The fuzz targets (Documentation/Fuzzing.md): their entry points as a library the tests
        // replay the corpus through, and one program that is a libFuzzer binary when built with
        // `--sanitize=fuzzer -Xswiftc -DFUZZING` and replays files otherwise.
        .target(
            name: "LedgerFuzzTargets",
            dependencies: ["PersonalDataLedger", "PersonalDataLedgerFileStore", "PDLCommands"],
            path: "Tests/Fuzz/LedgerFuzzTargets",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ledger-fuzz",
            dependencies: ["LedgerFuzzTargets"],
            path: "Tests/Fuzz/ledger-fuzz",
            swiftSettings: strictSettings
        ),
        // Helpers the test targets share: temporary directories, ledgers over every store, fixtures.
        .target(
            name: "TestSupport",
            dependencies: ["PersonalDataLedger", "PersonalDataLedgerFileStore", "PersonalDataLedgerTesting"],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LedgerCryptoTests",
            dependencies: ["LedgerCrypto", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PersonalDataLedgerTests",
            dependencies: [
                "PersonalDataLedger", "PersonalDataLedgerTesting", "TestSupport", "LedgerCrypto",
                // Rights tests run against the file store too, and read reports as text.
                "PersonalDataLedgerFileStore", "PersonalDataLedgerReports",
            ],
            resources: [.copy("Resources/dpv-2.3-terms.tsv")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PersonalDataLedgerFileStoreTests",
            dependencies: [
                "PersonalDataLedger", "PersonalDataLedgerFileStore", "PersonalDataLedgerTesting", "TestSupport",
                "LedgerCrypto",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PersonalDataLedgerReportsTests",
            dependencies: [
                "PersonalDataLedger", "PersonalDataLedgerReports", "PersonalDataLedgerFileStore",
                "PersonalDataLedgerTesting", "TestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PDLCommandsTests",
            dependencies: ["PDLCommands", "PersonalDataLedger", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LedgerFuzzTests",
            dependencies: ["LedgerFuzzTargets"],
            swiftSettings: strictSettings
        ),
        // Subprocesses: the pdl binary end to end and the kill loop.
        .testTarget(
            name: "PersonalDataLedgerIntegrationTests",
            dependencies: [
                "PersonalDataLedger", "PersonalDataLedgerFileStore", "PersonalDataLedgerReports",
                "PersonalDataLedgerTesting", "TestSupport", "ledger-crash-writer", "pdl",
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
