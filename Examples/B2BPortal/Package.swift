// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name: the clone's name, which differs
// between checkouts (`main` here, something else in CI).
let ledgerPackage = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// The B2B portal's use of the ledger:
// `swift run --package-path Examples/B2BPortal B2BPortal [--store DIR|postgres://…] [--key-file PATH] [--language nb] [--serve]`.
// The PostgreSQL store's package, by path, lets the portal record into the company's one ledger
// beside the webshop and the DPO's `pdl`.
let package = Package(
    name: "B2BPortal",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../.."),
        .package(path: "../../Integrations/PostgresLedgerStore"),
    ],
    targets: [
        .executableTarget(
            name: "B2BPortal",
            dependencies: [
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "PersonalDataLedgerReports", package: ledgerPackage),
                .product(name: "PostgresLedgerCommands", package: "PostgresLedgerStore"),
            ]
        ),
        .testTarget(
            name: "B2BPortalTests",
            dependencies: [
                "B2BPortal",
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "PersonalDataLedgerFileStore", package: ledgerPackage),
                .product(name: "PersonalDataLedgerReports", package: ledgerPackage),
                .product(name: "PersonalDataLedgerTesting", package: ledgerPackage),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
