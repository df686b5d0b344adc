/// A category of personal data: a name, an email address, a national ID number.
///
/// A category is a name; its sensitivity, labels and value format are declared by a
/// ``CategoryDefinition`` in the ``Catalog``.
public struct DataCategory: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension DataCategory {
    /// A person's name.
    public static let name: Self = "name"
    /// The address an invoice is sent to.
    public static let billingAddress: Self = "billingAddress"
    /// The address goods are delivered to.
    public static let deliveryAddress: Self = "deliveryAddress"
    /// Where a person lives (job applicants).
    public static let residentialAddress: Self = "residentialAddress"
    /// A telephone number.
    public static let phone: Self = "phone"
    /// An email address.
    public static let email: Self = "email"
    /// An IP address seen when the person used a platform.
    public static let ipAddress: Self = "ipAddress"
    /// A Nordic national identity number (fødselsnummer, personnummer, CPR, henkilötunnus).
    public static let nationalIDNumber: Self = "nationalIDNumber"
    /// A bank account number (Norwegian account number or IBAN).
    public static let bankAccount: Self = "bankAccount"
}
