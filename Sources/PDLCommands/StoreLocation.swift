import PersonalDataLedgerFileStore
import PersonalDataLedgerReports
import Foundation
import PersonalDataLedger
import Synchronization

/// The ledger directory a command works on: `--store DIR`, by default `./ledger`.
struct StoreLocation {
    let path: String

    init(_ parsed: ParsedArguments) {
        path = parsed.options["store"] ?? "./ledger"
    }

    /// Opens the ledger in the directory, creating it if needed. The store is closed — its index
    /// snapshotted for a fast next open — when the command ends (see ``closeAll()``).
    ///
    /// A command that only reads opens it `readOnly`: it needs no lock, so it works beside the
    /// service that writes the ledger (one writer, many readers), creates nothing, and finds no
    /// ledger an error rather than a reason to make an empty one.
    func openLedger(actor: ActorID, clock: LedgerClock = .system, readOnly: Bool = false) async throws -> Ledger {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if readOnly && entries.allSatisfy({ $0 == IdentifierKey.fileName }) {
            throw LedgerStoreError(
                .io,
                "There is no ledger in \(path). Name the ledger's directory with --store DIR, or create one with 'pdl init --store \(path)'."
            )
        }
        let store = try FileLedgerStore(directory: URL(filePath: path), mode: readOnly ? .readOnly : .readWrite)
        Self.opened.withLock { $0.append(store) }
        let key: IdentifierKey?
        if readOnly {
            let file = URL(filePath: path).appending(path: IdentifierKey.fileName)
            key = FileManager.default.fileExists(atPath: file.path) ? try IdentifierKey.loadOrCreate(at: file) : nil
        } else {
            key = try identifierKey()
        }
        return Ledger(
            store: store, catalog: .focusNordic, region: .norway, actor: actor, clock: clock, identifierKey: key)
    }

    /// The key of the ledger's lookup tokens, `DIR/identifier.key` (mode 0600), made on first use.
    ///
    /// A directory that cannot be written and has no key yet (a read-only copy being inspected)
    /// gives no key: reading works, `pdl find` says a key is needed. A key file that exists but
    /// cannot be read, or has the wrong size, is an error: recording without it would make
    /// identifiers unfindable.
    func identifierKey() throws -> IdentifierKey? {
        let file = URL(filePath: path).appending(path: IdentifierKey.fileName)
        if !FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if !FileManager.default.fileExists(atPath: file.path) && !FileManager.default.isWritableFile(atPath: path) {
            return nil
        }
        return try IdentifierKey.loadOrCreate(at: file)
    }

    private static let opened = Mutex<[FileLedgerStore]>([])

    /// Closes every store a command opened. Called once, when the command has finished.
    static func closeAll() async throws {
        for store in opened.withLock({ stores in
            defer { stores.removeAll() }
            return stores
        }) {
            try await store.close()
        }
    }
}
