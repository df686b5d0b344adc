#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A fact: a data-subject request was received, extended or closed (GDPR Art. 12(3)).
public struct RequestEvent: Hashable, Sendable, Codable {
    /// The right the person invoked.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Access (Art. 15).
        case access
        /// Erasure (Art. 17).
        case erasure
        /// Rectification or completion (Art. 16).
        case rectification
        /// Restriction (Art. 18).
        case restriction
        /// Objection (Art. 21).
        case objection
        /// Portability (Art. 20).
        case portability
    }

    /// What happened to the request.
    public enum Action: String, Hashable, Sendable, Codable {
        /// It arrived.
        case received
        /// Its deadline was extended (by up to two months, with a reason).
        case extended
        /// It was answered.
        case closed
    }

    /// The request's identifier, such as the mailbox's message id.
    public var requestID: String
    /// Who asked.
    public var subject: SubjectID
    /// Which right.
    public var kind: Kind
    /// What happened.
    public var action: Action
    /// The deadline after this event.
    public var dueAt: Date?
    /// A note: the reason for an extension, what was done on closing. Never personal data.
    public var note: String?
    /// On ``Action/received``: the day the request arrived (midnight UTC at its start), which
    /// may be earlier than the day it was recorded; deadlines are counted from it.
    public var receivedOn: Date?
    /// On ``Action/closed``: the sequence numbers of the facts that answer the request (the
    /// report issued, the erasure, the rectification).
    public var relatedFacts: [UInt64]?

    /// Creates a request event.
    public init(
        requestID: String, subject: SubjectID, kind: Kind, action: Action, dueAt: Date? = nil,
        note: String? = nil, receivedOn: Date? = nil, relatedFacts: [UInt64]? = nil
    ) {
        self.requestID = requestID
        self.subject = subject
        self.kind = kind
        self.action = action
        self.dueAt = dueAt
        self.note = note
        self.receivedOn = receivedOn
        self.relatedFacts = relatedFacts
    }
}
