/// A recipient personal data may be disclosed to, and the occasions its agreement covers.
public struct RecipientDefinition: Hashable, Sendable, Codable, Identifiable {
    /// The role a recipient plays under GDPR.
    public enum Role: String, Hashable, Sendable, Codable {
        /// Processes data on the controller's behalf under a data processing agreement.
        case processor
        /// Receives data for its own purposes (a carrier completing a shipment).
        case thirdParty
    }

    /// The recipient's name.
    public var id: RecipientID
    /// Who the recipient is, for reports.
    public var label: LocalizedText
    /// The recipient's role.
    public var role: Role
    /// The occasions the agreement with this recipient covers; any other is refused.
    public var occasions: Set<AccessOccasion>

    /// Creates a recipient definition.
    public init(_ id: RecipientID, label: LocalizedText, role: Role, occasions: Set<AccessOccasion>) {
        self.id = id
        self.label = label
        self.role = role
        self.occasions = occasions
    }

    /// The W3C DPV IRI of the role.
    public var dpvIRI: String {
        SharedVocabularyMapping.dpv + (role == .processor ? "DataProcessor" : "ThirdParty")
    }
}
