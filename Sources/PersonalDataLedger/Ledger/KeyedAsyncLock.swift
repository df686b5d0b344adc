import Synchronization

/// Mutual exclusion per key, for async code: writes about one subject are validated and appended
/// one at a time, while writes about other subjects — and every read — go on.
final class KeyedAsyncLock<Key: Hashable & Comparable & Sendable>: Sendable {
    private struct Waiters {
        var queue: [CheckedContinuation<Void, Never>] = []
    }

    private let held = Mutex<[Key: Waiters]>([:])

    /// Runs `body` while holding every key; keys are taken in order so two callers never deadlock.
    func withLock<T: Sendable>(_ keys: [Key], _ body: () async throws -> T) async throws -> T {
        let ordered = Array(Set(keys)).sorted()
        for key in ordered { await acquire(key) }
        defer { for key in ordered.reversed() { release(key) } }
        return try await body()
    }

    private func acquire(_ key: Key) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = held.withLock { table -> Bool in
                if table[key] == nil {
                    table[key] = Waiters()
                    return true
                }
                table[key]!.queue.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    private func release(_ key: Key) {
        let next = held.withLock { table -> CheckedContinuation<Void, Never>? in
            guard var waiters = table[key] else { return nil }
            if waiters.queue.isEmpty {
                table[key] = nil
                return nil
            }
            let first = waiters.queue.removeFirst()
            table[key] = waiters
            return first
        }
        next?.resume()
    }
}
