// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name, which is the clone's name
// (`main` here, something else in CI or a user's checkout).
let rootIdentity = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

// The ledger against SQLite, in one run: `swift run -c release --package-path Benchmarks ledger-bench`.
// A separate package so that the library itself keeps zero dependencies; GRDB is the SQLite peer.
let package = Package(
    name: "PersonalDataLedgerBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "ledger-bench",
            dependencies: [
                .product(name: "PersonalDataLedger", package: rootIdentity),
                .product(name: "PersonalDataLedgerFileStore", package: rootIdentity),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("ExistentialAny"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
