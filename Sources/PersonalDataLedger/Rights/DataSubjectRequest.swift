#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A data-subject request and its deadline (GDPR Art. 12(3)), folded from its request events.
///
/// A request is due one month after the day it arrived (see ``RequestDeadline`` for the
/// calendar rule); the deadline may be extended by up to two further months, with a reason,
/// decided within the first month. Closing it records what was done.
public struct DataSubjectRequest: Hashable, Sendable, Codable {
    /// One thing that happened to the request: its history.
    public struct Event: Hashable, Sendable, Codable {
        /// The fact's sequence number.
        public var sequence: UInt64
        /// When it was recorded.
        public var recordedAt: Date
        /// Who recorded it.
        public var actor: ActorID
        /// Received, extended or closed.
        public var action: RequestEvent.Action
        /// The deadline after this event.
        public var dueAt: Date?
        /// The reason for an extension, or what was done on closing.
        public var note: String?
        /// On closing: the facts that answer the request.
        public var relatedFacts: [UInt64]
    }

    /// The request's identifier, such as the mailbox's message id.
    public var id: String
    /// Who asked; ``SubjectID/erased`` once the identifier was erased.
    public var subject: SubjectID
    /// The right invoked.
    public var kind: RequestEvent.Kind
    /// The day it arrived (00:00 UTC at its start).
    public var receivedOn: Date
    /// The deadline one month after arrival, before any extension.
    public var originalDueAt: Date
    /// The deadline now, with extensions: the last millisecond of the due day, UTC.
    public var dueAt: Date
    /// The months the deadline was extended by, 0 to 2.
    public var extensionMonths: Int
    /// When it was closed; `nil` while open.
    public var closedAt: Date?
    /// What was done, as recorded on closing.
    public var outcome: String?
    /// The facts that answer it (the report issued, the erasure, the rectification).
    public var relatedFacts: [UInt64]
    /// Everything that happened to it, in order.
    public var events: [Event]
    /// Whether the deadline had passed without an answer at the instant the ledger answered (the
    /// `asOf` given, else the ledger clock's now).
    public var isOverdue: Bool
    /// Whole UTC days from that instant to the due day: 0 on the due day, negative when overdue.
    /// `nil` once closed.
    public var daysRemaining: Int?

    /// Whether the request is still open.
    public var isOpen: Bool { closedAt == nil }

    /// Whether it was closed after its deadline.
    public var wasClosedLate: Bool { closedAt.map { $0 > dueAt } ?? false }
}
