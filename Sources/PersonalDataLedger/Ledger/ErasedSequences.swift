#if canImport(FoundationEssentials)
    package import FoundationEssentials
#else
    package import Foundation
#endif

/// When each erased value was erased, learnt from the erasure facts of a first pass over the
/// ledger: a second pass then knows at each holding whether its value was erased later, without
/// keeping the holdings until their erasures come.
///
/// A value is erased from the first erasure fact that names its sequence number (holdings and
/// rectifications), as ``SubjectHistory/HeldValue/isErased`` says. It holds one entry per erased
/// value, nothing of the rest of the ledger.
package struct ErasedSequences: Sendable {
    private var erasedAt: [UInt64: Date] = [:]

    /// None erased yet.
    package init() {}

    /// Takes in an erasure fact, in sequence order; other facts are ignored.
    package mutating func note(_ fact: Fact) {
        guard case .erasure(let erasure) = fact.body else { return }
        for sequence in erasure.erased where erasedAt[sequence] == nil { erasedAt[sequence] = fact.recordedAt }
    }

    /// When the value of the fact at `sequence` was erased; `nil` while it is held.
    package func erasedAt(_ sequence: UInt64) -> Date? { erasedAt[sequence] }

    /// Whether the value of the fact at `sequence` was erased.
    package func isErased(_ sequence: UInt64) -> Bool { erasedAt[sequence] != nil }
}
