// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name: the clone's name, which differs
// between checkouts (`main` here, something else in CI).
let ledgerPackage = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// A service that links the ledger's core alone — no file store, no renderers — beside
// swift-crypto, whose `SHA256` must not clash with anything the ledger exports.
let package = Package(
    name: "ReceiptSigner",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "ReceiptSigner",
            dependencies: [
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "ReceiptSignerTests",
            dependencies: [
                "ReceiptSigner",
                .product(name: "PersonalDataLedger", package: ledgerPackage),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
