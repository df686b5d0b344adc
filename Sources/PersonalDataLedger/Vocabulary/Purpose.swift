/// Why personal data is processed: a processing activity of the privacy policy.
///
/// A purpose is a name; what it may hold, under which basis and for how long is declared by a
/// ``PurposeDefinition`` in the ``Catalog``.
public struct Purpose: VocabularyTerm {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
}

extension Purpose {
    /// Customer account and orders (*Kundekonto og ordrehåndtering*).
    public static let customerAccountAndOrders: Self = "customerAccountAndOrders"
    /// Complaints and service requests (*Reklamasjoner og serviceforespørsler*).
    public static let complaintsAndService: Self = "complaintsAndService"
    /// Campaigns and competitions (*Kampanjer og konkurranser*).
    public static let campaignsAndCompetitions: Self = "campaignsAndCompetitions"
    /// Job applicants (*Jobbsøkere*).
    public static let jobApplicants: Self = "jobApplicants"
    /// The contact register and mailings (*Kommunikasjon og utsendelser*).
    public static let contactRegister: Self = "contactRegister"
    /// Employees: the records a hired applicant's data moves to (the applicants section, *Jobbsøkere*).
    public static let employees: Self = "employees"
    /// Legal obligations: keeping business transactions (*Juridiske forpliktelser*).
    public static let legalObligations: Self = "legalObligations"
}
