package import PersonalDataLedger

/// A test store that wraps another and forwards every call it does not implement itself: a
/// wrapper that injects a failure, holds appends or counts reads writes only that one method.
package protocol ForwardingLedgerStore: LedgerStore {
    /// The store every call goes to.
    var inner: any LedgerStore { get }
}

extension ForwardingLedgerStore {
    package func append(_ facts: [NewFact]) async throws -> [Fact] { try await inner.append(facts) }

    package func append(_ facts: [NewFact], committedAs fields: [[FieldCommitment]]) async throws -> [Fact] {
        try await inner.append(facts, committedAs: fields)
    }

    package func committedFacts(from sequence: UInt64, limit: Int) async throws -> [CommittedFact] {
        try await inner.committedFacts(from: sequence, limit: limit)
    }

    package func facts(for key: IndexKey) async throws -> [Fact] { try await inner.facts(for: key) }

    package func facts(from sequence: UInt64, limit: Int) async throws -> [Fact] {
        try await inner.facts(from: sequence, limit: limit)
    }

    package func erase(_ scope: ErasureScope, recording erasure: NewFact) async throws -> Fact {
        try await inner.erase(scope, recording: erasure)
    }

    package func integrityHead() async throws -> IntegrityHead { try await inner.integrityHead() }

    package func verify(against checkpoint: IntegrityHead?) async throws -> IntegrityHead {
        try await inner.verify(against: checkpoint)
    }
}
