/// The answer to "may we process this person's data for this purpose now?", with its grounds.
public struct ProcessingDecision: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Why the answer is what it is.
    public enum Ground: String, Hashable, Sendable, Codable {
        /// Consent to the purpose is in force.
        case consentGiven
        /// Data is held for the purpose under a basis other than consent (a contract, a legal
        /// obligation).
        case heldUnderBasis
        /// The purpose rests on consent and none was ever recorded.
        case noConsent
        /// The person withdrew consent.
        case consentWithdrawn
        /// The person refused consent.
        case consentRefused
        /// Nothing is held for the purpose under a basis that allows processing.
        case noBasis
        /// The person objected to processing for the purpose (Art. 21).
        case objected
        /// Processing is restricted (Art. 18).
        case restricted
    }

    /// Whether processing is allowed.
    public var isAllowed: Bool
    /// Why.
    public var ground: Ground
    /// The legal basis processing rests on, when allowed.
    public var basis: LegalBasis?
    /// The sequence numbers of the facts the answer rests on: the consent decision, the
    /// holdings, the objection or restriction.
    public var evidence: [UInt64]

    /// Creates a decision.
    public init(isAllowed: Bool, ground: Ground, basis: LegalBasis?, evidence: [UInt64]) {
        self.isAllowed = isAllowed
        self.ground = ground
        self.basis = basis
        self.evidence = evidence
    }

    public var description: String {
        let evidenceList = evidence.map { "#\($0)" }.joined(separator: ", ")
        return "\(isAllowed ? "allowed" : "not allowed") (\(ground.rawValue)"
            + (basis.map { ", basis \($0)" } ?? "") + (evidence.isEmpty ? "" : ", evidence \(evidenceList)") + ")"
    }
}
