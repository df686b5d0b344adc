package import PersonalDataLedger
import Synchronization

/// Forwards to a store, and runs an action — and awaits it — at a chosen call: the moment
/// another writer acts while an erasure is under way.
package final class InterleavingStore: ForwardingLedgerStore, Sendable {
    /// Where the action runs.
    package enum Moment: Sendable {
        /// Right before the erasure reaches the store: its scope is resolved, the store's write
        /// lock not yet taken.
        case erase
        /// At the first read by business reference: while an erasure is planned (its retention
        /// context), before any subject lock is taken.
        case referenceRead
    }

    package let inner: any LedgerStore
    private let armed = Mutex<(moment: Moment, isRepeating: Bool, action: @Sendable () async throws -> Fact)?>(nil)
    private let done = Mutex<[Fact]>([])

    package init(inner: any LedgerStore) { self.inner = inner }

    /// Runs `action` at the next `moment`, and at every one after it when `isRepeating`.
    package func arm(
        at moment: Moment, isRepeating: Bool = false, _ action: @escaping @Sendable () async throws -> Fact
    ) {
        armed.withLock { $0 = (moment, isRepeating, action) }
    }

    /// What the action recorded the first time it ran.
    package var recorded: Fact? { done.withLock { $0.first } }

    /// Everything the action recorded, each time it ran.
    package var allRecorded: [Fact] { done.withLock { $0 } }

    private func fire(_ moment: Moment) async throws {
        let action = armed.withLock { armed -> (@Sendable () async throws -> Fact)? in
            guard case (let armedAt, let isRepeating, let action)? = armed, armedAt == moment else { return nil }
            if !isRepeating { armed = nil }
            return action
        }
        guard let action else { return }
        let fact = try await action()
        done.withLock { $0.append(fact) }
    }

    package func facts(for key: IndexKey) async throws -> [Fact] {
        if case .reference = key { try await fire(.referenceRead) }
        return try await inner.facts(for: key)
    }

    package func erase(_ scope: ErasureScope, recording erasure: NewFact) async throws -> Fact {
        try await fire(.erase)
        return try await inner.erase(scope, recording: erasure)
    }
}
