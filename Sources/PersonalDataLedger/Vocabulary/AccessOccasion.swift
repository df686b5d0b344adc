/// An occasion on which a partner may be given access to personal data.
///
/// The privacy policy (*Deling av personopplysninger*) lists seven; a recipient's agreement names
/// the occasions it covers, and a disclosure or access grant for any other occasion is refused.
public struct AccessOccasion: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension AccessOccasion {
    /// Customer support and troubleshooting (*Kundestøtte og feilsøking*).
    public static let customerSupport: Self = "customerSupport"
    /// Development (*Utvikling*).
    public static let development: Self = "development"
    /// Maintenance (*Vedlikehold*).
    public static let maintenance: Self = "maintenance"
    /// Upgrades and implementations (*Oppgraderinger og implementeringer*).
    public static let upgrades: Self = "upgrades"
    /// Integration between databases (*Integrasjon mellom databaser*).
    public static let databaseIntegration: Self = "databaseIntegration"
    /// Backup services (*Backup-tjenester*).
    public static let backup: Self = "backup"
    /// Completing shipments (*Ferdigstillelse av forsendelser*).
    public static let shipping: Self = "shipping"

    /// The seven occasions the Focus Nordic policy names, in its order.
    public static let focusNordicPolicy: [AccessOccasion] = [
        .customerSupport, .development, .maintenance, .upgrades, .databaseIntegration, .backup,
        .shipping,
    ]

    /// A human label for the built-in occasions; the raw name otherwise.
    public var label: LocalizedText {
        switch self {
        case .customerSupport:
            .init(english: "Customer support and troubleshooting", norwegian: "Kundestøtte og feilsøking")
        case .development: .init(english: "Development", norwegian: "Utvikling")
        case .maintenance: .init(english: "Maintenance", norwegian: "Vedlikehold")
        case .upgrades:
            .init(english: "Upgrades and implementations", norwegian: "Oppgraderinger og implementeringer")
        case .databaseIntegration:
            .init(english: "Integration between databases", norwegian: "Integrasjon mellom databaser")
        case .backup: .init(english: "Backup services", norwegian: "Backup-tjenester")
        case .shipping:
            .init(english: "Completing shipments", norwegian: "Ferdigstillelse av forsendelser")
        default: .init(rawValue)
        }
    }
}
