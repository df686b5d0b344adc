/// How a value of a data category is validated, normalised and masked.
public enum ValueFormat: String, Hashable, Sendable, Codable {
    /// Free text (a name, an address): not validated beyond being non-empty.
    case text
    /// An email address.
    case email
    /// A telephone number, stored in E.164 form.
    case phone
    /// A Nordic national identity number.
    case nationalIDNumber
    /// A Norwegian bank account number or an IBAN.
    case bankAccount
    /// An IPv4 or IPv6 address.
    case ipAddress
}
