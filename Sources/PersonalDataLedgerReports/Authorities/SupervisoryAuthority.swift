public import PersonalDataLedger

/// A data protection supervisory authority (GDPR Art. 51): where a person may complain (Art. 77)
/// and where the controller reports a breach (Art. 33).
///
/// The letters name the authority of the person's country with its address and say that the
/// authority of the country where they work or where the infringement took place is also
/// possible; breach advice names the authority of the ledger's country, the lead supervisory
/// authority (Art. 56). The four Nordic ones are in ``nordic``, the one table of them.
public struct SupervisoryAuthority: Hashable, Sendable, Codable {
    /// The country it supervises.
    public var country: Region
    /// Its name, in the languages it uses for itself; the official name is the English entry
    /// when it has no English one.
    public var name: LocalizedText
    /// Its postal address, one line per entry.
    public var postalAddress: [String]
    /// Its website, without a scheme (`www.datatilsynet.no`).
    public var website: String

    /// Creates an authority.
    public init(country: Region, name: LocalizedText, postalAddress: [String], website: String) {
        self.country = country
        self.name = name
        self.postalAddress = postalAddress
        self.website = website
    }

    /// The authority of `country`; `nil` when ``nordic`` does not list it.
    public static func of(_ country: Region) -> SupervisoryAuthority? { nordic[country] }

    /// Its address and website in one line, as a letter writes it after the name:
    /// `Postboks 458 Sentrum, 0105 Oslo, www.datatilsynet.no`.
    public var addressLine: String {
        (postalAddress + [website]).joined(separator: ", ")
    }

    /// The supervisory authorities of Norway, Sweden, Denmark and Finland, with the addresses
    /// they publish.
    public static let nordic: [Region: SupervisoryAuthority] = [
        .norway: .init(
            country: .norway, name: LocalizedText("Datatilsynet"),
            postalAddress: ["Postboks 458 Sentrum", "0105 Oslo"],
            website: "www.datatilsynet.no"),
        .sweden: .init(
            country: .sweden, name: LocalizedText("Integritetsskyddsmyndigheten (IMY)"),
            postalAddress: ["Box 8114", "104 20 Stockholm"], website: "www.imy.se"),
        .denmark: .init(
            country: .denmark, name: LocalizedText("Datatilsynet"),
            postalAddress: ["Carl Jacobsens Vej 35", "2500 Valby"],
            website: "www.datatilsynet.dk"),
        .finland: .init(
            country: .finland,
            name: [
                .english: "Office of the Data Protection Ombudsman (Tietosuojavaltuutetun toimisto)",
                Language("fi"): "Tietosuojavaltuutetun toimisto",
                Language("sv"): "Dataombudsmannens byrå (Tietosuojavaltuutetun toimisto)",
            ],
            postalAddress: ["PL 800", "00531 Helsinki"], website: "tietosuoja.fi"),
    ]
}
