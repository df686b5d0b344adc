#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// One entry of the ledger: what happened, when it was recorded, by whom, at which position.
///
/// The ledger is an append-only sequence of facts; every answer it gives is folded from them.
public struct Fact: Hashable, Sendable, Codable, Identifiable {
    /// The fact's position in the ledger, counting from 1 without gaps.
    public let sequence: UInt64
    /// When the fact was recorded, to the millisecond.
    public let recordedAt: Date
    /// Who recorded it.
    public let actor: ActorID
    /// What it says.
    public let body: Body

    /// Creates a fact. Stores create facts; services call ``Ledger``.
    @inlinable
    public init(sequence: UInt64, recordedAt: Date, actor: ActorID, body: Body) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.actor = actor
        self.body = body
    }

    /// Creates the fact a store records for `draft` at `sequence` (taking the draft's fields
    /// over, so a store reading many facts does not copy each).
    @inlinable
    public init(sequence: UInt64, _ draft: consuming NewFact) {
        self.init(sequence: sequence, recordedAt: draft.recordedAt, actor: draft.actor, body: draft.body)
    }

    public var id: UInt64 { sequence }

    /// The fact without its sequence number.
    public var draft: NewFact { NewFact(recordedAt: recordedAt, actor: actor, body: body) }
}

/// A fact not yet recorded: what ``LedgerStore/append(_:)`` takes.
public struct NewFact: Hashable, Sendable, Codable {
    /// When it is recorded; stores keep millisecond precision.
    public var recordedAt: Date
    /// Who records it.
    public var actor: ActorID
    /// What it says.
    public var body: Fact.Body

    /// Creates a fact to record. The time is truncated to whole milliseconds, the precision
    /// every store keeps.
    public init(recordedAt: Date, actor: ActorID, body: Fact.Body) {
        self.recordedAt = recordedAt.truncatedToMilliseconds
        self.actor = actor
        self.body = body
    }
}

extension Date {
    /// This instant with its sub-millisecond part dropped.
    public var truncatedToMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z, as stores encode it.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
