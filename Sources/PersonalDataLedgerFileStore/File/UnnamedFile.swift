/// A file written into a ledger directory ahead of time, without a name (`O_TMPFILE`), its data
/// durable: ``LedgerDirectory/replace(_:with:writtenAhead:)`` names it in place of writing the
/// bytes, so that only the rename happens where the writers' lock is held. Closed, and so gone
/// unless named, when the last reference to it goes — a crash leaves nothing behind.
final class UnnamedFile: Sendable {
    let descriptor: FileDescriptor

    /// Writes `bytes` to a new unnamed file in `directory` and makes them durable; `nil` where
    /// such files cannot be made (``FileDescriptor/openUnnamed(in:calls:)``).
    init?(writing bytes: [UInt8], in directory: LedgerDirectory) throws(Errno) {
        guard let descriptor = try FileDescriptor.openUnnamed(in: directory.path, calls: directory.calls) else {
            return nil
        }
        self.descriptor = descriptor
        try descriptor.write(bytes, at: 0)
        try descriptor.dataSync()
    }

    deinit { descriptor.close() }
}
