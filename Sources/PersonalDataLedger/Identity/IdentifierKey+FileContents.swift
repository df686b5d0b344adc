import LedgerCrypto

/// The contents of an `identifier.key` file: the key with a magic, a version and a checksum, so
/// a flipped byte is found when the file is read instead of silently making other lookup tokens.
///
/// Version 1 is 48 bytes: magic `PDL-KEY\0` (8), version `1` (u32 little-endian), the 32 key
/// bytes, and the CRC-32C of the 44 bytes before it (u32 little-endian). A file of exactly 32
/// bytes is the format before version 1 (the raw key, no checksum): it is still read, and the
/// file store rewrites it as version 1 on its next read-write open. No version-1 file is 32
/// bytes long, so the two are told apart by length alone.
extension IdentifierKey {
    /// The length of a version-1 key file in bytes.
    package static let fileByteCount = 48

    private static let fileMagic = Array("PDL-KEY\0".utf8)

    /// What the bytes of a key file hold.
    package enum FileContents: Sendable {
        /// A version-1 file whose checksum matches.
        case current(IdentifierKey)
        /// The raw 32 bytes written before version 1, with nothing to check them by.
        case legacy(IdentifierKey)
        /// Not a key file this library wrote, or one damaged since: the reason, never a key byte.
        case damaged(String)
    }

    /// This key as the bytes of a version-1 `identifier.key` file.
    package var fileContents: [UInt8] {
        var bytes = Self.fileMagic + Self.littleEndian(1) + self.bytes
        bytes += Self.littleEndian(CRC32C.checksum(bytes))
        return bytes
    }

    /// Reads the bytes of a key file, of either format.
    package static func decodeFile(_ contents: [UInt8]) -> FileContents {
        if contents.count == byteCount, let key = try? IdentifierKey(bytes: contents) { return .legacy(key) }
        guard contents.count == fileByteCount else {
            return .damaged(
                "it is \(contents.count) bytes long, where a key file is \(fileByteCount) bytes (or \(byteCount) in the format before version 1)"
            )
        }
        guard Array(contents[0..<8]) == fileMagic else {
            return .damaged("it does not start with the key file's magic")
        }
        guard contents[8..<12].elementsEqual(littleEndian(1)) else {
            return .damaged("it is not version 1 of the key file format")
        }
        let stored = contents[44..<48].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * $1.offset) }
        guard CRC32C.checksum(contents[0..<44]) == stored, let key = try? IdentifierKey(bytes: Array(contents[12..<44]))
        else {
            return .damaged("its checksum does not match: a byte was altered since it was written")
        }
        return .current(key)
    }

    /// The key material in the contents of an `identifier.key` file, of either format — for a
    /// store that takes a key as bytes, such as PostgreSQL's `adoptIdentifierKey(bytes:)`.
    ///
    /// - Throws: ``LedgerError`` with rule ``LedgerError/Rule/invalidRequest`` when the contents
    ///   are not a key file or the file was damaged; the message never contains a key byte.
    public static func keyBytes(inFileContents contents: [UInt8]) throws(LedgerError) -> [UInt8] {
        switch decodeFile(contents) {
        case .current(let key), .legacy(let key): return key.bytes
        case .damaged(let reason):
            throw LedgerError(
                .invalidRequest,
                "This is not an intact identifier key file: \(reason). Restore identifier.key from the backup taken with its ledger."
            )
        }
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
