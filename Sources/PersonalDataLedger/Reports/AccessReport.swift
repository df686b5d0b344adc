#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Everything the controller holds about a person, and why — the answer to an access request
/// (GDPR Art. 15) and a portable copy (Art. 20).
///
/// Produced by ``Ledger/issueReport(for:requestedBy:revealing:)``. Its JSON form is versioned and
/// documented in `Documentation/AccessReportSchema.md`; ``schemaVersion`` changes whenever a field
/// changes meaning or disappears.
public struct AccessReport: Hashable, Sendable, Codable {
    /// The version of the JSON schema this report follows.
    public static let currentSchemaVersion = 1

    /// The schema's name, always `pdl.access-report`.
    public var schema: String = "pdl.access-report"
    /// The version of the schema.
    public var schemaVersion: Int = AccessReport.currentSchemaVersion
    /// When the report was produced.
    public var generatedAt: Date
    /// Who asked for it.
    public var requestedBy: ActorID
    /// Whom it is about.
    public var subject: SubjectID
    /// Other identifiers of the same person whose facts are included.
    public var linkedSubjects: [SubjectID]
    /// The person's country (``Ledger/country(of:)``): the country of their earliest holding that
    /// names one, else the ledger's default. Letters name this country's supervisory authority
    /// and consent records its jurisdiction; each held item's periods follow its own country
    /// (``HeldData/country``).
    public var country: Region
    /// The controller and where to send requests.
    public var controller: Catalog.Controller
    /// Whether high-sensitivity values (national ID numbers, bank accounts) are shown in full.
    public var revealsHighSensitivityValues: Bool
    /// Every category of data held, one entry per holding.
    public var heldData: [HeldData]
    /// Everyone who received the person's data: explicit disclosures and standing access grants.
    public var recipients: [RecipientEntry]
    /// Every consent decision, oldest first.
    public var consentHistory: [ConsentEntry]
    /// Restrictions of processing in force (Art. 18).
    public var restrictions: [RestrictionEntry]
    /// Objections in force (Art. 21).
    public var objections: [ObjectionEntry]
    /// Erasures carried out.
    public var erasures: [ErasureEntry]
    /// Requests received and not yet closed, with their deadlines.
    public var openRequests: [RequestEntry]
    /// Erasures the person asked for that wait for a legal hold to end: what is kept, why and
    /// until when (Art. 17(3)); the retention sweep carries them out when the hold ends. Absent
    /// in reports produced before this field existed.
    public var pendingErasures: [PendingErasure]? = nil
}
