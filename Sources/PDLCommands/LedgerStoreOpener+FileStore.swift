import Foundation
public import PersonalDataLedger
import PersonalDataLedgerFileStore

extension LedgerStoreOpener {
    /// The file store's opener: a directory path, or a `file://` URL, holding a
    /// `FileLedgerStore` and its identifier key `DIR/identifier.key` (mode 0600, made by
    /// `pdl init` and `pdl demo`, checked against the fingerprint the ledger recorded on every
    /// open: a damaged, foreign or lost key is a store error, never a fresh key).
    ///
    /// For `pdl init` and `pdl demo` it creates the directory (and its parents, mode 0700) when
    /// missing; every other command finds a directory without a ledger an error ("no ledger in
    /// DIR; run pdl init"), so a mistyped `--store` creates nothing. Read-only, it takes no lock,
    /// so it works beside the service that writes the ledger.
    public static let fileStore = fileStore(observer: nil)

    /// The file store's opener (``fileStore``), whose stores report each durable write —
    /// ``LedgerEvent/storeAppended(facts:bytes:syncDuration:)`` — to `observer`: for a service
    /// that opens its ledger by location and observes it. Give the ledger the same observer.
    public static func fileStore(observer: (any LedgerObserver)?) -> LedgerStoreOpener {
        LedgerStoreOpener(
            name: "file", handles: { scheme(of: $0) == nil || scheme(of: $0) == "file" },
            access: { location, access in try await FileStoreLocation(location).open(access, observer: observer) })
    }
}

/// A ledger directory, as the file store's opener opens it.
struct FileStoreLocation {
    let path: String

    init(_ location: String) {
        path = location.hasPrefix("file://") ? URL(string: location)?.path ?? location : location
    }

    func open(
        _ access: LedgerStoreOpener.Access, observer: (any LedgerObserver)? = nil
    ) async throws -> LedgerStoreOpener.OpenedStore {
        if access != .create {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if entries.allSatisfy({ $0 == IdentifierKey.fileName }) {
                throw LedgerStoreError(
                    .io,
                    "There is no ledger in \(path); nothing was created. Name the ledger's directory with --store DIR, or create one with 'pdl init --store \(path)'."
                )
            }
        }
        if access == .readOnly {
            let store = try FileLedgerStore(directory: URL(filePath: path), mode: .readOnly, observer: observer)
            // A crash's leftovers, which the answers ignore: said once, and the command goes on.
            if let warning = store.recoveryWarning { writeError("pdl: warning: \(warning)") }
            return (store, try store.identifierKey())
        }
        try createDirectory()
        let store = try FileLedgerStore(directory: URL(filePath: path), mode: .readWrite, observer: observer)
        do {
            // Only pdl init and pdl demo make a key; a lost one is refused, never replaced.
            guard let key = try store.identifierKey(creatingIfAbsent: access == .create) else {
                // Recording without a key would make identifiers no later key can find.
                throw LedgerStoreError(
                    .invalidRequest,
                    "The ledger in \(path) has no identifier key yet, so what pdl records could never be found by an identifier; nothing was recorded. Run 'pdl init --store \(path)' to give it one."
                )
            }
            return (store, key)
        } catch {
            // The lock is released; a store that failed to open its key wrote nothing.
            try? await store.close()
            throw error
        }
    }

    private func createDirectory() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw UsageError("\(path) exists and is not a directory. Choose another path with --store.")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LedgerStoreError(.io, "Cannot create the directory \(path): check the path and its permissions.")
        }
    }
}
