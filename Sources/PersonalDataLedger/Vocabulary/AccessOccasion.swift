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
            [
                .english: "Customer support and troubleshooting", .norwegianBokmal: "Kundestøtte og feilsøking",
                .swedish: "Kundsupport och felsökning", .danish: "Kundesupport og fejlfinding",
                .finnish: "Asiakastuki ja vianetsintä",
            ]
        case .development:
            [
                .english: "Development", .norwegianBokmal: "Utvikling", .swedish: "Utveckling", .danish: "Udvikling",
                .finnish: "Kehitys",
            ]
        case .maintenance:
            [
                .english: "Maintenance", .norwegianBokmal: "Vedlikehold", .swedish: "Underhåll",
                .danish: "Vedligeholdelse", .finnish: "Ylläpito",
            ]
        case .upgrades:
            [
                .english: "Upgrades and implementations", .norwegianBokmal: "Oppgraderinger og implementeringer",
                .swedish: "Uppgraderingar och implementeringar", .danish: "Opgraderinger og implementeringer",
                .finnish: "Päivitykset ja käyttöönotot",
            ]
        case .databaseIntegration:
            [
                .english: "Integration between databases", .norwegianBokmal: "Integrasjon mellom databaser",
                .swedish: "Integration mellan databaser", .danish: "Integration mellem databaser",
                .finnish: "Tietokantojen välinen integraatio",
            ]
        case .backup:
            [
                .english: "Backup services", .norwegianBokmal: "Backup-tjenester", .swedish: "Säkerhetskopiering",
                .danish: "Backuptjenester", .finnish: "Varmuuskopiointipalvelut",
            ]
        case .shipping:
            [
                .english: "Completing shipments", .norwegianBokmal: "Ferdigstillelse av forsendelser",
                .swedish: "Slutförande av leveranser", .danish: "Færdiggørelse af forsendelser",
                .finnish: "Lähetysten toimittaminen",
            ]
        default: .init(rawValue)
        }
    }
}
