// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name: the clone's name, which differs
// between checkouts (`main` here, something else in CI).
let ledgerPackage = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// The webshop's ledger endpoints on Hummingbird:
// `swift run --package-path Examples/WebshopBackend WebshopBackend [--store DIR] [--port 8080] [--in-memory]`.
let package = Package(
    name: "WebshopBackend",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "WebshopBackend",
            dependencies: [
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "PersonalDataLedgerFileStore", package: ledgerPackage),
                .product(name: "PersonalDataLedgerReports", package: ledgerPackage),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "WebshopBackendTests",
            dependencies: [
                "WebshopBackend",
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
