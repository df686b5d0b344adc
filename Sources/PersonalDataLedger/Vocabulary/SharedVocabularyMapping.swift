/// Where a term of the ledger's vocabulary sits in vocabularies other privacy tools read.
///
/// Exports carry these beside each category, purpose and basis so that a consumer that does not
/// know Focus Nordic's names can still interpret them.
public struct SharedVocabularyMapping: Hashable, Sendable, Codable {
    /// The W3C Data Privacy Vocabulary (DPV v2) IRI of the nearest term.
    public var dpvIRI: String?
    /// The fideslang (Fides / IAB Tech Lab taxonomy) key of the nearest term.
    public var fideslangKey: String?

    /// Creates a mapping.
    public init(dpvIRI: String? = nil, fideslangKey: String? = nil) {
        self.dpvIRI = dpvIRI
        self.fideslangKey = fideslangKey
    }

    package static let dpv = "https://w3id.org/dpv#"
    static let dpvPersonalData = "https://w3id.org/dpv/pd#"
    static let dpvGDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
}
