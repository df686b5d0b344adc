/// Where personal data came from (GDPR Art. 14, 15(1)(g)).
public enum DataSource: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The person gave it themselves.
    case dataSubject
    /// A named third party gave it (a business customer registering its representative).
    case thirdParty(String)

    public var description: String {
        switch self {
        case .dataSubject: "the data subject"
        case .thirdParty(let name): name
        }
    }
}
