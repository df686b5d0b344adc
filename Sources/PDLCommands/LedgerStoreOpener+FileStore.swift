import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore

extension LedgerStoreOpener {
    /// The file store's opener: a directory path, or a `file://` URL, holding a
    /// `FileLedgerStore` and its identifier key `DIR/identifier.key` (mode 0600, made on first use).
    ///
    /// For `pdl init` and `pdl demo` it creates the directory (and its parents, mode 0700) when
    /// missing; every other command finds a directory without a ledger an error ("no ledger in
    /// DIR; run pdl init"), so a mistyped `--store` creates nothing. Read-only, it takes no lock,
    /// so it works beside the service that writes the ledger.
    public static let fileStore = LedgerStoreOpener(
        name: "file", handles: { scheme(of: $0) == nil || scheme(of: $0) == "file" },
        access: { location, access in try await FileStoreLocation(location).open(access) })
}

/// A ledger directory, as the file store's opener opens it.
struct FileStoreLocation {
    let path: String

    init(_ location: String) {
        path = location.hasPrefix("file://") ? URL(string: location)?.path ?? location : location
    }

    func open(_ access: LedgerStoreOpener.Access) async throws -> LedgerStoreOpener.OpenedStore {
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
            let store = try FileLedgerStore(directory: URL(filePath: path), mode: .readOnly)
            let file = URL(filePath: path).appending(path: IdentifierKey.fileName)
            let key = FileManager.default.fileExists(atPath: file.path) ? try IdentifierKey.loadOrCreate(at: file) : nil
            return (store, key)
        }
        try createDirectory()
        let store = try FileLedgerStore(directory: URL(filePath: path), mode: .readWrite)
        do {
            return (store, try identifierKey())
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

    /// The key of the ledger's lookup tokens, made on first use.
    ///
    /// A directory that cannot be written and has no key yet (a read-only copy being inspected)
    /// gives no key: reading works, `pdl find` says a key is needed. A key file that exists but
    /// cannot be read, or has the wrong size, is an error: recording without it would make
    /// identifiers unfindable.
    private func identifierKey() throws -> IdentifierKey? {
        let file = URL(filePath: path).appending(path: IdentifierKey.fileName)
        if !FileManager.default.fileExists(atPath: file.path) && !FileManager.default.isWritableFile(atPath: path) {
            return nil
        }
        return try IdentifierKey.loadOrCreate(at: file)
    }
}
