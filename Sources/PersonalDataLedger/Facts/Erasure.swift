#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A fact: personal values of a person were physically erased (GDPR Art. 17), and what was kept.
public struct Erasure: Hashable, Sendable, Codable {
    /// Why data was erased.
    public struct Reason: VocabularyTerm {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        /// The person asked (Art. 17(1)).
        public static let subjectRequest: Self = "subjectRequest"
        /// The retention period ran out (Art. 5(1)(e)).
        public static let retentionExpired: Self = "retentionExpired"
        /// The person withdrew the consent it was held under (Art. 17(1)(b)).
        public static let consentWithdrawn: Self = "consentWithdrawn"
    }

    /// A holding that was not erased, and the legal hold that keeps it.
    public struct Retained: Hashable, Sendable, Codable {
        /// The sequence number of the holding kept.
        public var holding: UInt64
        /// Why it is kept.
        public var hold: LegalHold
        /// Until when, if known.
        public var until: Date?

        /// Creates a retained-holding entry.
        public init(holding: UInt64, hold: LegalHold, until: Date?) {
            self.holding = holding
            self.hold = hold
            self.until = until
        }
    }

    /// Whose data.
    public var subject: SubjectID
    /// Why.
    public var reason: Reason
    /// The sequence numbers of the holdings and rectifications whose values were erased.
    public var erased: [UInt64]
    /// Whether the subject identifier itself was erased (nothing of the person remains).
    public var identifierErased: Bool
    /// What was kept, and why.
    public var retained: [Retained]

    /// Creates an erasure fact.
    public init(
        subject: SubjectID, reason: Reason, erased: [UInt64], identifierErased: Bool,
        retained: [Retained] = []
    ) {
        self.subject = subject
        self.reason = reason
        self.erased = erased
        self.identifierErased = identifierErased
        self.retained = retained
    }
}

/// A legal reason that overrides erasure (GDPR Art. 17(3)).
public struct LegalHold: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The statutory bookkeeping obligation (Art. 17(3)(b)).
    public static let bookkeepingObligation: Self = "bookkeepingObligation"
    /// Establishing, exercising or defending legal claims (Art. 17(3)(e)).
    public static let legalClaims: Self = "legalClaims"
    /// An ongoing contract with the person still needs it (Art. 6(1)(b)).
    public static let ongoingContract: Self = "ongoingContract"
}
