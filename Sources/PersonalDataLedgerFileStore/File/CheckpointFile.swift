import PersonalDataLedger

/// The `CHECKPOINT` file: the last integrity head the store wrote down, as plain text.
///
/// ```
/// PersonalDataLedger checkpoint 1
/// count 1000000
/// head 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
/// ```
///
/// Open refuses a log shorter than it, and `verify` checks the chain passes through it. It
/// protects against losing the tail by accident; against deliberate rewriting, export the head
/// (``FileLedgerStore/integrityHead()``) to somewhere the store's host cannot write.
enum CheckpointFile {
    static func encode(_ head: IntegrityHead) -> [UInt8] {
        Array("PersonalDataLedger checkpoint 1\ncount \(head.count)\nhead \(head.hash)\n".utf8)
    }

    /// The directory's `CHECKPOINT`: `nil` when there is none (a ledger never closed), and
    /// damage when it does not decode — it is only ever replaced whole (temporary file, rename),
    /// so a crash cannot leave it half-written, and ignoring it would let a log cut at a frame
    /// boundary verify.
    static func read(in directory: LedgerDirectory) throws -> IntegrityHead? {
        guard let bytes = try directory.readIfReadable(LedgerDirectory.checkpointName) else { return nil }
        guard let head = decode(bytes) else {
            throw LedgerStoreError.corrupted(
                "\(LedgerDirectory.checkpointName) in \(directory.path) is damaged (byte offset 0: it is not the "
                    + "three lines a checkpoint holds), so the store cannot check that no facts were removed from "
                    + "the end of its log. Restore the directory from a backup; or, once 'pdl verify --checkpoint' "
                    + "against a checkpoint kept elsewhere passes with the file moved aside, leave it out: the "
                    + "next close writes a new one.")
        }
        return head
    }

    static func decode(_ bytes: [UInt8]) -> IntegrityHead? {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        guard lines.count == 3, lines[0] == "PersonalDataLedger checkpoint 1",
            lines[1].hasPrefix("count "), lines[2].hasPrefix("head "),
            let count = UInt64(lines[1].dropFirst(6))
        else { return nil }
        let hash = String(lines[2].dropFirst(5))
        guard hash.utf8.count == 64,
            hash.utf8.allSatisfy({
                ("0"..."9").contains(Character(UnicodeScalar($0))) || ("a"..."f").contains(Character(UnicodeScalar($0)))
            })
        else {
            return nil
        }
        return IntegrityHead(count: count, hash: hash)
    }
}
