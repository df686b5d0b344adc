import Foundation
import PersonalDataLedger
import Synchronization

/// Group commit inside one process: appends that arrive while a transaction is in flight wait and
/// go together in the next one, so many writers share one round trip and one WAL flush.
final class GroupCommitter: Sendable {
    /// One caller's batch, with its idempotency id.
    struct Batch: Sendable {
        let id: UUID
        let facts: [NewFact]
        /// The given commitments of each fact (``PostgresLedgerStore/append(_:committedAs:)``);
        /// `nil` for an ordinary append, whose salts are drawn afresh.
        var fields: [[FieldCommitment]]? = nil
    }

    private struct Waiting {
        let batch: Batch
        let continuation: CheckedContinuation<[Fact], any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var isCommitting = false
    }

    private let state = Mutex(State())

    /// Appends `facts` as one batch through `commit`, which receives every batch waiting at the
    /// time and returns the recorded facts per batch id.
    func append(
        _ facts: [NewFact], commit: @escaping @Sendable ([Batch]) async throws -> [UUID: [Fact]]
    ) async throws -> [Fact] {
        let batch = Batch(id: UUID(), facts: facts)
        return try await withCheckedThrowingContinuation { continuation in
            let leads = state.withLock { state -> Bool in
                state.waiting.append(Waiting(batch: batch, continuation: continuation))
                guard !state.isCommitting else { return false }
                state.isCommitting = true
                return true
            }
            if leads { Task { await self.commitWhileWaiting(commit) } }
        }
    }

    private func commitWhileWaiting(_ commit: @Sendable ([Batch]) async throws -> [UUID: [Fact]]) async {
        while true {
            let group = state.withLock { state -> [Waiting] in
                defer { state.waiting.removeAll() }
                if state.waiting.isEmpty { state.isCommitting = false }
                return state.waiting
            }
            guard !group.isEmpty else { return }
            do {
                let recorded = try await commit(group.map(\.batch))
                for waiting in group {
                    if let facts = recorded[waiting.batch.id] {
                        waiting.continuation.resume(returning: facts)
                    } else {
                        waiting.continuation.resume(
                            throwing: LedgerStoreError(
                                .io, "The batch was not recorded; nothing of it is in the ledger."))
                    }
                }
            } catch {
                for waiting in group { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
