/// A condition of GDPR Art. 9(2) that lifts the ban on processing special categories of data.
///
/// A holding of a category with ``Sensitivity/specialCategory`` is refused unless it names one.
public struct SpecialCategoryCondition: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension SpecialCategoryCondition {
    /// Art. 9(2)(a): explicit consent.
    public static let explicitConsent: Self = "explicitConsent"
    /// Art. 9(2)(b): employment, social security and social protection law.
    public static let employmentLaw: Self = "employmentLaw"
    /// Art. 9(2)(c): vital interests of a person unable to consent.
    public static let vitalInterests: Self = "vitalInterests"
    /// Art. 9(2)(d): legitimate activities of a not-for-profit body.
    public static let notForProfitBody: Self = "notForProfitBody"
    /// Art. 9(2)(e): data manifestly made public by the person.
    public static let madePublicBySubject: Self = "madePublicBySubject"
    /// Art. 9(2)(f): legal claims and courts.
    public static let legalClaims: Self = "legalClaims"
    /// Art. 9(2)(g): substantial public interest.
    public static let substantialPublicInterest: Self = "substantialPublicInterest"
    /// Art. 9(2)(h): preventive or occupational medicine, health or social care.
    public static let healthOrSocialCare: Self = "healthOrSocialCare"
    /// Art. 9(2)(i): public interest in public health.
    public static let publicHealth: Self = "publicHealth"
    /// Art. 9(2)(j): archiving, research or statistics.
    public static let archivingOrResearch: Self = "archivingOrResearch"

    /// The ten conditions of Art. 9(2), in the article's order.
    public static let gdprArticle9: [SpecialCategoryCondition] = [
        .explicitConsent, .employmentLaw, .vitalInterests, .notForProfitBody,
        .madePublicBySubject, .legalClaims, .substantialPublicInterest, .healthOrSocialCare,
        .publicHealth, .archivingOrResearch,
    ]

    /// The article, such as `"9(2)(a)"`, for the built-in conditions.
    public var article: String? {
        guard let index = Self.gdprArticle9.firstIndex(of: self) else { return nil }
        return "9(2)(\(Array("abcdefghij")[index]))"
    }

    /// The W3C DPV IRI (`eu-gdpr:A9-2-x`), for the built-in conditions.
    public var dpvIRI: String? {
        guard let index = Self.gdprArticle9.firstIndex(of: self) else { return nil }
        return SharedVocabularyMapping.dpvGDPR + "A9-2-\(Array("abcdefghij")[index])"
    }
}
