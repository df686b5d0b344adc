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
            .name,
            label: [.english: "Name", .norwegianBokmal: "Navn", .swedish: "Namn", .danish: "Navn", .finnish: "Nimi"],
            mapping: .init(dpvIRI: pd("Name"), fideslangKey: "user.name")),
        .init(
            .billingAddress,
            label: [
                .english: "Billing address", .norwegianBokmal: "Faktureringsadresse", .swedish: "Fakturaadress",
                .danish: "Faktureringsadresse", .finnish: "Laskutusosoite",
            ],
            mapping: .init(dpvIRI: pd("PhysicalAddress"), fideslangKey: "user.contact.address")),
        .init(
            .deliveryAddress,
            label: [
                .english: "Delivery address", .norwegianBokmal: "Leveringsadresse", .swedish: "Leveransadress",
                .danish: "Leveringsadresse", .finnish: "Toimitusosoite",
            ],
            mapping: .init(dpvIRI: pd("PhysicalAddress"), fideslangKey: "user.contact.address")),
        .init(
            .residentialAddress,
            label: [
                .english: "Residential address", .norwegianBokmal: "Bostedsadresse", .swedish: "Bostadsadress",
                .danish: "Bopælsadresse", .finnish: "Asuinosoite",
            ],
            mapping: .init(dpvIRI: pd("PhysicalAddress"), fideslangKey: "user.contact.address")),
        .init(
            .phone,
            label: [
                .english: "Telephone number", .norwegianBokmal: "Telefonnummer", .swedish: "Telefonnummer",
                .danish: "Telefonnummer", .finnish: "Puhelinnumero",
            ],
            format: .phone,
            mapping: .init(dpvIRI: pd("TelephoneNumber"), fideslangKey: "user.contact.phone_number")),
        .init(
            .email,
            label: [
                .english: "Email address", .norwegianBokmal: "E-postadresse", .swedish: "E-postadress",
                .danish: "E-mailadresse", .finnish: "Sähköpostiosoite",
            ],
            format: .email,
            mapping: .init(dpvIRI: pd("EmailAddress"), fideslangKey: "user.contact.email")),
        .init(
            .ipAddress,
            label: [
                .english: "IP address", .norwegianBokmal: "IP-adresse", .swedish: "IP-adress", .danish: "IP-adresse",
                .finnish: "IP-osoite",
            ],
            format: .ipAddress,
            mapping: .init(dpvIRI: pd("IPAddress"), fideslangKey: "user.device.ip_address")),
        .init(
            .nationalIDNumber,
            label: [
                .english: "National identity number", .norwegianBokmal: "Fødselsnummer", .swedish: "Personnummer",
                .danish: "CPR-nummer", .finnish: "Henkilötunnus",
            ],
            sensitivity: .high, format: .nationalIDNumber,
            mapping: .init(
                dpvIRI: pd("OfficialID"),
                fideslangKey: "user.government_id.national_identification_number")),
        .init(
            .bankAccount,
            label: [
                .english: "Bank account details", .norwegianBokmal: "Bankkontoopplysninger",
                .swedish: "Bankkontouppgifter", .danish: "Bankkontooplysninger", .finnish: "Pankkitilin tiedot",
            ],
            sensitivity: .high, format: .bankAccount,
            mapping: .init(dpvIRI: pd("BankAccount"), fideslangKey: "user.financial.bank_account")),
    ]
}
