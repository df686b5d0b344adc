// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name, which is the clone's name
// (`main` here, something else in CI or a user's checkout).
let rootIdentity = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

// The ledger against SQLite, in one run: `swift run -c release --package-path Benchmarks ledger-bench`.
// A separate package so that the library itself keeps zero dependencies; GRDB is the SQLite peer.
//
// The trait `PostgreSQL` adds the PostgreSQL engine — PostgresLedgerStore against a plain table on
// the same server (`ledger-bench --postgres`, see Documentation/Performance.md). It is off by default
// so that the SQLite run does not compile postgres-nio, swift-nio-ssl and swift-crypto in release:
//   Integrations/PostgresLedgerStore/Scripts/with-postgres.sh \
//       swift run -c release --package-path Benchmarks --traits PostgreSQL ledger-bench --postgres
let package = Package(
    name: "PersonalDataLedgerBenchmarks",
    platforms: [.macOS(.v15)],
    traits: [
        .trait(name: "PostgreSQL", description: "The PostgreSQL engine: PostgresLedgerStore against a plain table.")
    ],
    dependencies: [
        .package(path: ".."),
        .package(path: "../Integrations/PostgresLedgerStore"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // What both executables draw their workloads from: the seeded generator and Nordic names.
        .target(name: "BenchmarkSupport", swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .executableTarget(
            name: "ledger-bench",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonalDataLedger", package: rootIdentity),
                .product(name: "PersonalDataLedgerFileStore", package: rootIdentity),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(
                    name: "PostgresLedgerStore", package: "PostgresLedgerStore",
                    condition: .when(traits: ["PostgreSQL"])),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
            ],
            swiftSettings: [
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("ExistentialAny"),
            ]
        ),
        // A realistic webshop ledger of N facts for measuring pdl's whole-ledger commands:
        // `swift run -c release --package-path Benchmarks ledger-fixture --store DIR --facts N`.
        .executableTarget(
            name: "ledger-fixture",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "PersonalDataLedger", package: rootIdentity),
                .product(name: "PersonalDataLedgerFileStore", package: rootIdentity),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny")
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
