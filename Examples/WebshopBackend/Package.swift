// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name: the clone's name, which differs
// between checkouts (`main` here, something else in CI).
let ledgerPackage = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// The webshop's ledger endpoints on Hummingbird:
// `swift run --package-path Examples/WebshopBackend WebshopBackend --tokens-file PATH [--store DIR|postgres://…] [--key-file PATH]
// [--port 8080] [--in-memory]`. The PostgreSQL store's package, by path, lets the webshop record into the
// company's one ledger beside the B2B portal and the DPO's `pdl`.
let package = Package(
    name: "WebshopBackend",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../.."),
        .package(path: "../../Integrations/PostgresLedgerStore"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        // The ledger's events as log lines, metrics and spans, and the metrics at GET /metrics.
        .package(path: "../../Integrations/LedgerObservability"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // The tests' in-memory tracer, to read the spans of requests.
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
    ],
    targets: [
        .executableTarget(
            name: "WebshopBackend",
            dependencies: [
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "PersonalDataLedgerReports", package: ledgerPackage),
                .product(name: "PostgresLedgerCommands", package: "PostgresLedgerStore"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "LedgerObservability", package: "LedgerObservability"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "WebshopBackendTests",
            dependencies: [
                "WebshopBackend",
                .product(name: "PersonalDataLedger", package: ledgerPackage),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
