#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension AccessReport {
    /// How a value appears in the report.
    public enum ValueState: String, Hashable, Sendable, Codable {
        /// The value is shown in full.
        case shown
        /// The value is masked because it is of high sensitivity.
        case masked
        /// The service recorded that it holds the category, not the value itself.
        case notRecorded
        /// The value was erased.
        case erased
    }

    /// One category of data held about the person.
    public struct HeldData: Hashable, Sendable, Codable {
        /// The holding's sequence number in the ledger.
        public var sequence: UInt64
        /// The subject identifier it was recorded under (the person's own, or a linked one).
        public var subject: SubjectID
        /// The category.
        public var category: DataCategory
        /// The category's label.
        public var categoryLabel: LocalizedText
        /// How harmful a leak would be.
        public var sensitivity: Sensitivity
        /// The category's W3C DPV IRI and fideslang key.
        public var categoryMapping: SharedVocabularyMapping
        /// The value (masked or erased as ``valueState`` says), if any.
        public var value: String?
        /// How the value appears.
        public var valueState: ValueState
        /// Where it is held.
        public var system: SystemID
        /// Why it is held.
        public var purpose: Purpose
        /// The purpose's label.
        public var purposeLabel: LocalizedText
        /// The legal basis.
        public var basis: LegalBasis
        /// The basis's article, such as `6(1)(b)`.
        public var basisArticle: String?
        /// Where the data came from.
        public var source: String
        /// The business object it was collected for.
        public var reference: BusinessReference?
        /// When it was recorded.
        public var since: Date
        /// When its value was erased, if it was.
        public var erasedAt: Date?
        /// When its value was last corrected or completed, if it was.
        public var rectifiedAt: Date?
        /// The purpose's retention rule, in words.
        public var retention: LocalizedText
        /// How long this holding is kept: until a date, until an event, or without limit;
        /// absent once the value is erased.
        public var keptUntil: RetentionEnd? = nil
        /// The country whose law governs the holding (its own, else the person's, else the
        /// ledger's): its retention periods are that country's.
        public var country: Region? = nil
    }

    /// A recipient of the person's data.
    public struct RecipientEntry: Hashable, Sendable, Codable {
        /// How the recipient came to receive the data.
        public enum Channel: String, Hashable, Sendable, Codable {
            /// An explicit disclosure about this person.
            case disclosure
            /// Standing access to a system that held the person's data.
            case accessGrant
        }

        /// The recipient.
        public var recipient: RecipientID
        /// Who the recipient is.
        public var label: LocalizedText
        /// Processor or third party.
        public var role: RecipientDefinition.Role
        /// How the recipient received the data.
        public var channel: Channel
        /// On which occasion.
        public var occasion: AccessOccasion
        /// The occasion's label.
        public var occasionLabel: LocalizedText
        /// The categories received.
        public var categories: [DataCategory]
        /// For access grants, the system the recipient can reach.
        public var system: SystemID?
        /// When: the disclosure's time, or the start of the grant.
        public var from: Date
        /// The end of a grant, if it ended.
        public var until: Date?
        /// The business object of a disclosure.
        public var reference: BusinessReference?
        /// The sequence number of the disclosure or grant.
        public var sequence: UInt64
    }

    /// A consent decision.
    public struct ConsentEntry: Hashable, Sendable, Codable {
        /// The decision's sequence number.
        public var sequence: UInt64
        /// When it was recorded.
        public var at: Date
        /// The purpose.
        public var purpose: Purpose
        /// Given, withdrawn or refused.
        public var decision: ConsentDecision.Decision
        /// The policy version the person was shown.
        public var policyVersion: String
        /// How it was collected.
        public var channel: String
        /// The evidence reference.
        public var evidence: String?
        /// For the consent in force for its purpose: whether it was given under a policy version
        /// older than the current major version (ask again). Absent for other entries.
        public var isStale: Bool? = nil
    }

    /// A restriction of processing in force.
    public struct RestrictionEntry: Hashable, Sendable, Codable {
        /// The purpose restricted; `nil` for every purpose.
        public var purpose: Purpose?
        /// Since when.
        public var since: Date
    }

    /// An objection in force.
    public struct ObjectionEntry: Hashable, Sendable, Codable {
        /// The purpose objected to.
        public var purpose: Purpose
        /// Since when.
        public var since: Date
    }

    /// An erasure carried out.
    public struct ErasureEntry: Hashable, Sendable, Codable {
        /// When.
        public var at: Date
        /// Why.
        public var reason: Erasure.Reason
        /// How many values were erased.
        public var erasedValues: Int
        /// What was kept, and why.
        public var retained: [Erasure.Retained]
    }

    /// A request received and not yet closed.
    public struct RequestEntry: Hashable, Sendable, Codable {
        /// The request's identifier.
        public var requestID: String
        /// The right invoked.
        public var kind: RequestEvent.Kind
        /// When it arrived.
        public var receivedAt: Date
        /// When it must be answered.
        public var dueAt: Date?
    }
}
