import PersonalDataLedger
import Synchronization

/// The subjects' data keys this process has opened, so a busy subject's key is unwrapped (and
/// its identity opened) once, not in every group commit and every read.
///
/// An entry is used only for the very row it was opened from: the caller passes the subject
/// row's wrapped key and sealed identity as it has just read them — in the same statement as
/// the rest of the append or read — and an entry whose bytes differ is dropped, not used. So a
/// key that another process destroyed (an erasure sets the row's key to `NULL`), replaced (an
/// erasure of some values seals the rest under a new key) or wrapped again (a rotation) is never
/// used here again, whatever this cache still holds: the database's row, read under the append
/// lock for an append, is the only authority. The erasing process drops its entry at once
/// (``forget(_:)``); another process drops it the next time it meets the subject's row without
/// it. The cache is bounded: when it is full it is emptied.
final class SubjectKeyCache: Sendable {
    /// A subject row opened: its data key and commitment salt, and its identifier.
    struct Opened: Sendable {
        let row: SubjectRow
        let subject: SubjectID
    }

    private struct Entry: Sendable {
        let wrapped: [UInt8]
        let identity: [UInt8]
        let opened: Opened
    }

    /// The most entries kept; a full cache is emptied before the next entry goes in.
    let capacity: Int
    private let entries = Mutex<[Int64: Entry]>([:])

    init(capacity: Int = 16_384) { self.capacity = capacity }

    /// The subject numbered `number` as opened earlier from exactly `wrapped` and `identity`;
    /// `nil` when it was not, or from other bytes (that entry is dropped).
    func opened(number: Int64, wrapped: [UInt8], identity: [UInt8]) -> Opened? {
        entries.withLock { entries in
            guard let entry = entries[number] else { return nil }
            guard entry.wrapped == wrapped, entry.identity == identity else {
                entries[number] = nil
                return nil
            }
            return entry.opened
        }
    }

    /// Keeps `opened`, the subject row numbered `number` opened from `wrapped` and `identity`.
    func remember(_ opened: Opened, number: Int64, wrapped: [UInt8], identity: [UInt8]) {
        entries.withLock { entries in
            if entries[number] == nil, entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[number] = Entry(wrapped: wrapped, identity: identity, opened: opened)
        }
    }

    /// Drops the subject numbered `number`: its key was destroyed or replaced.
    func forget(_ number: Int64) {
        _ = entries.withLock { $0.removeValue(forKey: number) }
    }

    /// Whether the subject numbered `number` has an entry (for tests).
    func holds(_ number: Int64) -> Bool { entries.withLock { $0[number] != nil } }
}
