/// A fact: a person gave, withdrew or refused consent to a purpose (GDPR Art. 7).
///
/// Modelled after ISO/IEC TS 27560 and the W3C DPV consent statuses: it names the policy version
/// the person saw, the channel, and evidence an auditor can follow.
public struct ConsentDecision: Hashable, Sendable, Codable {
    /// What the person decided.
    public enum Decision: String, Hashable, Sendable, Codable, CaseIterable {
        /// Consent was given (`dpv:ConsentGiven`).
        case given
        /// Consent was withdrawn (`dpv:ConsentWithdrawn`).
        case withdrawn
        /// Consent was asked for and refused (`dpv:ConsentRefused`).
        case refused

        /// The W3C DPV consent status IRI.
        public var dpvIRI: String {
            switch self {
            case .given: SharedVocabularyMapping.dpv + "ConsentGiven"
            case .withdrawn: SharedVocabularyMapping.dpv + "ConsentWithdrawn"
            case .refused: SharedVocabularyMapping.dpv + "ConsentRefused"
            }
        }
    }

    /// Who decided.
    public var subject: SubjectID
    /// The purpose consented to.
    public var purpose: Purpose
    /// The decision.
    public var decision: Decision
    /// The version of the privacy policy the person was shown, such as `2018-05-25`.
    public var policyVersion: String
    /// How the decision was collected: `checkout-checkbox`, `unsubscribe-link`, `email`.
    public var channel: String
    /// Evidence: a form id, a request id, a message id. Never personal data.
    public var evidence: String?

    /// Creates a consent decision.
    public init(
        subject: SubjectID, purpose: Purpose, decision: Decision, policyVersion: String,
        channel: String, evidence: String? = nil
    ) {
        self.subject = subject
        self.purpose = purpose
        self.decision = decision
        self.policyVersion = policyVersion
        self.channel = channel
        self.evidence = evidence
    }
}
