/// A transfer of personal data to a country outside the EU/EEA or to an international
/// organisation (GDPR Art. 30(1)(e), Chapter V), as the catalog declares it.
public struct ThirdCountryTransfer: Hashable, Sendable, Codable {
    /// The recipient that receives the data there, if the transfer is tied to one.
    public var recipient: RecipientID?
    /// The country (ISO 3166-1 alpha-2, such as `US`) or the international organisation.
    public var destination: String
    /// The safeguard that makes the transfer lawful, such as "Standard contractual clauses
    /// (GDPR Art. 46(2)(c))" or "Adequacy decision (Art. 45)".
    public var safeguard: LocalizedText

    /// Declares a transfer.
    public init(recipient: RecipientID? = nil, destination: String, safeguard: LocalizedText) {
        self.recipient = recipient
        self.destination = destination
        self.safeguard = safeguard
    }
}
