// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name: the clone's name, which differs
// between checkouts (`main` here, something else in CI).
let ledgerPackage = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

// The ledger on PostgreSQL: one ledger for every service of the company, with personal values
// encrypted in the client so that no plaintext ever reaches the database.
let package = Package(
    name: "PostgresLedgerStore",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PostgresLedgerStore", targets: ["PostgresLedgerStore"]),
        .library(name: "PostgresLedgerCommands", targets: ["PostgresLedgerCommands"]),
        // `pdl` with PostgreSQL ledgers. Not named `pdl`: SwiftPM accepts two products of that name
        // in one graph, but both link `.build/<config>/pdl` and the root's wins — the file-store one.
        .executable(name: "pdl-postgres", targets: ["PostgresPDL"]),
    ],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "PostgresLedgerStore",
            dependencies: [
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The PostgreSQL store opener, the handling of --key-file, and `pdl keys rotate`.
        .target(
            name: "PostgresLedgerCommands",
            dependencies: [
                "PostgresLedgerStore",
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "PDLCommands", package: ledgerPackage),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "PostgresPDL",
            dependencies: [
                "PostgresLedgerCommands",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ledger-pg-writer",
            dependencies: [
                "PostgresLedgerStore",
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/PGWriter",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PostgresLedgerStoreTests",
            dependencies: [
                "PostgresLedgerStore", "PostgresLedgerCommands", "ledger-pg-writer", "PostgresPDL",
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "PersonalDataLedgerFileStore", package: ledgerPackage),
                .product(name: "PersonalDataLedgerTesting", package: ledgerPackage),
                // A file ledger's export, imported here.
                .product(name: "PersonalDataLedgerFileStore", package: ledgerPackage),
                .product(name: "PersonalDataLedgerReports", package: ledgerPackage),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
