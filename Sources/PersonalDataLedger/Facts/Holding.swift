import LedgerCrypto

/// A fact: one category of a person's data is held in a system, for a purpose, under a basis.
public struct Holding: Hashable, Sendable, Codable {
    /// Whose data it is.
    public var subject: SubjectID
    /// What kind of data.
    public var category: DataCategory
    /// Where it is held.
    public var system: SystemID
    /// Why it is held.
    public var purpose: Purpose
    /// The legal basis (Art. 6(1)).
    public var basis: LegalBasis
    /// The Art. 9(2) condition, for special categories of data.
    public var specialCategoryCondition: SpecialCategoryCondition?
    /// Where the data came from.
    public var source: DataSource
    /// The business object the data was collected for (an order, a case).
    public var reference: BusinessReference?
    /// The value itself, when the service chose to record it.
    public var value: PersonalValue?
    /// A keyed hash (HMAC-SHA256) of the normalised value, set by the ledger for identifying
    /// categories (email, phone, national ID number, bank account) so the person can be found by
    /// that identifier without any index holding it in clear.
    ///
    /// It is derived from personal data, so stores treat it as personal data: kept beside the
    /// value and erased with it.
    public var lookupToken: PersonalValue?
    /// The country whose law governs the holding: its bookkeeping and complaint periods, how its
    /// phone numbers are read. `nil` — every holding recorded before countries were recorded —
    /// follows the subject's country, then the ledger's default (see ``Ledger/country(of:)``).
    public var region: Region?

    /// Creates a holding.
    public init(
        subject: SubjectID, category: DataCategory, system: SystemID, purpose: Purpose,
        basis: LegalBasis, specialCategoryCondition: SpecialCategoryCondition? = nil,
        source: DataSource, reference: BusinessReference? = nil, value: PersonalValue? = nil,
        lookupToken: PersonalValue? = nil, region: Region? = nil
    ) {
        self.subject = subject
        self.category = category
        self.system = system
        self.purpose = purpose
        self.basis = basis
        self.specialCategoryCondition = specialCategoryCondition
        self.source = source
        self.reference = reference
        self.value = value
        self.lookupToken = lookupToken
        self.region = region
    }
}
