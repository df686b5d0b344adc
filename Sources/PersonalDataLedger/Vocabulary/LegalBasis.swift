/// The lawful basis for processing: one of GDPR Art. 6(1)(a)–(f).
public struct LegalBasis: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension LegalBasis {
    /// Art. 6(1)(a): the person has consented.
    public static let consent: Self = "consent"
    /// Art. 6(1)(b): necessary for a contract with the person, or for steps before one.
    public static let contract: Self = "contract"
    /// Art. 6(1)(c): necessary to comply with a legal obligation (bookkeeping).
    public static let legalObligation: Self = "legalObligation"
    /// Art. 6(1)(d): necessary to protect someone's vital interests.
    public static let vitalInterests: Self = "vitalInterests"
    /// Art. 6(1)(e): a task in the public interest or in the exercise of official authority.
    public static let publicTask: Self = "publicTask"
    /// Art. 6(1)(f): the legitimate interests of the controller or a third party.
    public static let legitimateInterests: Self = "legitimateInterests"

    /// The six bases of GDPR Art. 6(1), in the article's order.
    public static let gdprArticle6: [LegalBasis] = [
        .consent, .contract, .legalObligation, .vitalInterests, .publicTask, .legitimateInterests,
    ]

    /// The article this basis is, such as `"6(1)(a)"`, for the built-in bases.
    public var article: String? {
        guard let index = Self.gdprArticle6.firstIndex(of: self) else { return nil }
        return "6(1)(\(["a", "b", "c", "d", "e", "f"][index]))"
    }

    /// The nearest W3C DPV and fideslang terms, for the built-in bases.
    public var mapping: SharedVocabularyMapping? {
        guard let index = Self.gdprArticle6.firstIndex(of: self) else { return nil }
        let letter = ["a", "b", "c", "d", "e", "f"][index]
        let fideslang = [
            "consent", "contract", "legal_obligations", "vital_interests", "public_interest",
            "legitimate_interests",
        ][index]
        return SharedVocabularyMapping(
            dpvIRI: SharedVocabularyMapping.dpvGDPR + "A6-1-" + letter, fideslangKey: fideslang)
    }

    /// A human label for the built-in bases; the raw name otherwise.
    public var label: LocalizedText {
        switch self {
        case .consent:
            [
                .english: "Consent", .norwegianBokmal: "Samtykke", .swedish: "Samtycke", .danish: "Samtykke",
                .finnish: "Suostumus",
            ]
        case .contract:
            [
                .english: "Contract", .norwegianBokmal: "Avtale", .swedish: "Avtal", .danish: "Kontrakt",
                .finnish: "Sopimus",
            ]
        case .legalObligation:
            [
                .english: "Legal obligation", .norwegianBokmal: "Rettslig forpliktelse",
                .swedish: "Rättslig förpliktelse", .danish: "Retlig forpligtelse", .finnish: "Lakisääteinen velvoite",
            ]
        case .vitalInterests:
            [
                .english: "Vital interests", .norwegianBokmal: "Vitale interesser", .swedish: "Grundläggande intressen",
                .danish: "Vitale interesser", .finnish: "Elintärkeät edut",
            ]
        case .publicTask:
            [
                .english: "Public task", .norwegianBokmal: "Offentlig oppgave", .swedish: "Uppgift av allmänt intresse",
                .danish: "Opgave i samfundets interesse", .finnish: "Yleistä etua koskeva tehtävä",
            ]
        case .legitimateInterests:
            [
                .english: "Legitimate interests", .norwegianBokmal: "Berettiget interesse",
                .swedish: "Berättigat intresse", .danish: "Legitim interesse", .finnish: "Oikeutettu etu",
            ]
        default: .init(rawValue)
        }
    }
}
