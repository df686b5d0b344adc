/// What a ``DataCategory`` means: its labels, sensitivity, value format and shared-vocabulary mapping.
public struct CategoryDefinition: Hashable, Sendable, Codable, Identifiable {
    /// The category this defines.
    public var id: DataCategory
    /// A human label, as reports show it.
    public var label: LocalizedText
    /// How harmful a leak is.
    public var sensitivity: Sensitivity
    /// How values of this category are validated and masked.
    public var format: ValueFormat
    /// The nearest terms in W3C DPV and fideslang.
    public var mapping: SharedVocabularyMapping

    /// Creates a category definition.
    public init(
        _ id: DataCategory, label: LocalizedText, sensitivity: Sensitivity = .normal,
        format: ValueFormat = .text, mapping: SharedVocabularyMapping = .init()
    ) {
        self.id = id
        self.label = label
        self.sensitivity = sensitivity
        self.format = format
        self.mapping = mapping
    }
}

extension CategoryDefinition {
    private static func pd(_ term: String) -> String { SharedVocabularyMapping.dpvPersonalData + term }

    /// The definitions of every built-in ``DataCategory``.
    public static let builtIn: [CategoryDefinition] = [
        .init(
            .name, label: .init(english: "Name", norwegian: "Navn"),
            mapping: .init(dpvIRI: pd("Name"), fideslangKey: "user.name")),
        .init(
            .billingAddress,
            label: .init(english: "Billing address", norwegian: "Faktureringsadresse"),
            mapping: .init(dpvIRI: pd("PhysicalAddress"), fideslangKey: "user.contact.address")),
        .init(
            .deliveryAddress,
            label: .init(english: "Delivery address", norwegian: "Leveringsadresse"),
            mapping: .init(dpvIRI: pd("PhysicalAddress"), fideslangKey: "user.contact.address")),
        .init(
            .residentialAddress,
            label: .init(english: "Residential address", norwegian: "Bostedsadresse"),
            mapping: .init(dpvIRI: pd("PhysicalAddress"), fideslangKey: "user.contact.address")),
        .init(
            .phone, label: .init(english: "Telephone number", norwegian: "Telefonnummer"),
            format: .phone,
            mapping: .init(dpvIRI: pd("TelephoneNumber"), fideslangKey: "user.contact.phone_number")),
        .init(
            .email, label: .init(english: "Email address", norwegian: "E-postadresse"),
            format: .email,
            mapping: .init(dpvIRI: pd("EmailAddress"), fideslangKey: "user.contact.email")),
        .init(
            .ipAddress, label: .init(english: "IP address", norwegian: "IP-adresse"),
            format: .ipAddress,
            mapping: .init(dpvIRI: pd("IPAddress"), fideslangKey: "user.device.ip_address")),
        .init(
            .nationalIDNumber,
            label: .init(english: "National identity number", norwegian: "Personnummer"),
            sensitivity: .high, format: .nationalIDNumber,
            mapping: .init(
                dpvIRI: pd("OfficialID"),
                fideslangKey: "user.government_id.national_identification_number")),
        .init(
            .bankAccount,
            label: .init(english: "Bank account details", norwegian: "Bankkontoopplysninger"),
            sensitivity: .high, format: .bankAccount,
            mapping: .init(dpvIRI: pd("BankAccount"), fideslangKey: "user.financial.bank_account")),
    ]
}
