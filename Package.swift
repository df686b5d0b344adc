// swift-tools-version: 6.2
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
        .library(name: "PersonalDataLedgerTesting", targets: ["PersonalDataLedgerTesting"]),
        .executable(name: "pdl", targets: ["pdl"]),
    ],
    targets: [
        .target(
            name: "PersonalDataLedger",
            swiftSettings: strictSettings
        ),
        .target(
            name: "PersonalDataLedgerTesting",
            dependencies: ["PersonalDataLedger"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pdl",
            dependencies: ["PersonalDataLedger"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ledger-crash-writer",
            dependencies: ["PersonalDataLedger"],
            path: "Tests/CrashWriter",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PersonalDataLedgerTests",
            dependencies: ["PersonalDataLedger", "PersonalDataLedgerTesting", "ledger-crash-writer", "pdl"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
