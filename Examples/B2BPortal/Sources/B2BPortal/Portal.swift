import PersonalDataLedger
import PersonalDataLedgerReports

/// A company's contact person, as the company registers them in the B2B portal.
struct Representative: Sendable, Decodable {
    /// The portal's own key for the person — never their email address.
    var id: SubjectID
    /// The business customer that registered them: the source of their data.
    var company: String
    var name: String
    var email: String
    var phone: String
}

/// The B2B portal's use of the ledger: register representatives, link them to the webshop
/// customer they also are, and answer their access requests.
struct Portal: Sendable {
    let ledger: Ledger

    /// Records a representative's contact details as the company gave them.
    ///
    /// The data comes from the company, not from the person, so the source is the company: the
    /// access report tells the person where the portal got their data (GDPR Art. 14, 15(1)(g)).
    /// Representatives are a subject kind the catalog's customer-account purpose declares.
    /// Returns the facts recorded: a holding per category.
    @discardableResult
    func register(_ representative: Representative) async throws -> [Fact] {
        try await ledger.record(
            [.name(representative.name), .email(representative.email), .phone(representative.phone)],
            about: representative.id, in: "b2b.portal", for: .customerAccountAndOrders,
            source: .thirdParty(representative.company))
    }

    /// Records that a representative is also a webshop customer, so one access request or
    /// erasure request covers both.
    @discardableResult
    func link(_ representative: SubjectID, toWebshopCustomer customer: SubjectID) async throws -> Fact {
        try await ledger.link(representative, to: customer)
    }

    /// Answers a representative's access request (GDPR Art. 15): everything held about them and
    /// about every identifier linked to them. Producing the report is itself recorded.
    func answerAccessRequest(from representative: SubjectID, in language: Language) async throws -> String {
        let report = try await ledger.issueReport(for: representative, requestedBy: "b2b.privacy")
        return report.plainText(in: language, country: ledger.region)
    }
}
