/// What a ``Purpose`` may do: the categories it may hold, its legal basis, its retention rule.
///
/// This is purpose limitation (GDPR Art. 5(1)(b),(c)) as data: the ledger refuses a holding of a
/// category the purpose does not list.
public struct PurposeDefinition: Hashable, Sendable, Codable, Identifiable {
    /// The purpose this defines.
    public var id: Purpose
    /// A human label, as reports show it.
    public var label: LocalizedText
    /// The heading of the privacy policy section this purpose comes from.
    public var policySection: String?
    /// The categories this purpose may hold; any other is refused.
    public var allowedCategories: Set<DataCategory>
    /// The basis used when a holding names none.
    public var defaultBasis: LegalBasis
    /// Every basis a holding for this purpose may claim.
    public var allowedBases: Set<LegalBasis>
    /// The kinds of people this purpose concerns (for the record of processing).
    public var subjectKinds: Set<SubjectKind>
    /// When data held for this purpose is erased.
    public var retention: RetentionRule
    /// Whether this purpose is direct marketing, to which an objection is absolute (Art. 21(3)).
    public var isDirectMarketing: Bool
    /// The nearest W3C DPV and fideslang terms.
    public var mapping: SharedVocabularyMapping

    /// Creates a purpose definition.
    public init(
        _ id: Purpose, label: LocalizedText, policySection: String? = nil,
        allowedCategories: Set<DataCategory>, defaultBasis: LegalBasis,
        allowedBases: Set<LegalBasis>? = nil, subjectKinds: Set<SubjectKind>,
        retention: RetentionRule, isDirectMarketing: Bool = false,
        mapping: SharedVocabularyMapping = .init()
    ) {
        self.id = id
        self.label = label
        self.policySection = policySection
        self.allowedCategories = allowedCategories
        self.defaultBasis = defaultBasis
        self.allowedBases = allowedBases ?? [defaultBasis]
        self.subjectKinds = subjectKinds
        self.retention = retention
        self.isDirectMarketing = isDirectMarketing
        self.mapping = mapping
    }
}
