import PersonalDataLedger

/// The `KEY-FINGERPRINT` file: the ``IdentifierKey/fingerprint`` of the ledger's identifier key,
/// written when the ledger first gets its key, as plain text.
///
/// ```
/// PersonalDataLedger identifier key fingerprint 1
/// 3f2a9c0d51e47b86a0c2d9e1f4b7a563
/// ```
///
/// It ties `identifier.key` to the ledger: a key from another ledger, a key restored from the
/// wrong backup, or a missing key is refused on open and by `verify`, instead of making lookup
/// tokens that find no one. The fingerprint is a keyed hash of a fixed label, never the key.
enum KeyFingerprintFile {
    static let name = "KEY-FINGERPRINT"

    private static let firstLine = "PersonalDataLedger identifier key fingerprint 1"

    static func encode(_ fingerprint: String) -> [UInt8] {
        Array("\(firstLine)\n\(fingerprint)\n".utf8)
    }

    /// The fingerprint the file holds, or `nil` when it is not a fingerprint file (damaged).
    static func decode(_ bytes: [UInt8]) -> String? {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 3, lines[0] == firstLine, lines[2].isEmpty, lines[1].utf8.count == 32,
            lines[1].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        return String(lines[1])
    }
}

extension KeyFingerprintFile {
    /// The fingerprint the ledger in `directory` recorded, or `nil` when it recorded none.
    ///
    /// - Throws: ``LedgerStoreError`` (`corrupted`) when the file is damaged, `io` when it cannot
    ///   be read or is a symbolic link.
    static func read(in directory: LedgerDirectory) throws(LedgerStoreError) -> String? {
        let bytes: [UInt8]?
        do { bytes = try directory.read(name) } catch {
            throw LedgerStoreError.opening(error, name, in: directory.path)
        }
        guard let bytes else { return nil }
        guard let fingerprint = decode(bytes) else {
            throw LedgerStoreError(
                .corrupted,
                "\(directory.file(name)) is damaged, so the store cannot tell whether \(IdentifierKey.fileName) is this ledger's key. Nothing was changed. Restore \(name) and \(IdentifierKey.fileName) from the backup taken with this ledger."
            )
        }
        return fingerprint
    }

    /// Refuses `key` when the ledger recorded another key's fingerprint.
    static func check(_ key: IdentifierKey, against recorded: String?, path: String) throws(LedgerStoreError) {
        guard let recorded, recorded != key.fingerprint else { return }
        throw LedgerStoreError(
            .corrupted,
            "The identifier key \(path) is not this ledger's key (its fingerprint is \(key.fingerprint); the ledger recorded \(recorded) in \(name)): with it, finding a person by an identifier would answer that no one holds it. Nothing was read or changed. Restore identifier.key from the backup taken with this ledger."
        )
    }
}
