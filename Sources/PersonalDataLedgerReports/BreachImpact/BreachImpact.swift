public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Who and what a personal-data breach of some systems during a time window may have touched
/// (GDPR Art. 33/34).
///
/// Produced by ``Ledger/breachImpact(systems:from:to:progress:)``. A holding counts when it was recorded
/// in one of the systems no later than the window's end and its value was not erased before the
/// window's start. The impact names subjects by identifier and counts categories; it never holds
/// a personal value. Its JSON form is documented in `Documentation/ExportFormats.md`.
public struct BreachImpact: Hashable, Sendable, Codable {
    /// The version of the JSON schema this document follows.
    public static let currentSchemaVersion = 1

    /// The schema's name, always `pdl.breach-impact`.
    public var schema: String = "pdl.breach-impact"
    /// The version of the schema.
    public var schemaVersion: Int = BreachImpact.currentSchemaVersion
    /// When the assessment was produced.
    public var generatedAt: Date
    /// The systems breached.
    public var systems: [SystemID]
    /// The window's start.
    public var from: Date
    /// The window's end.
    public var to: Date
    /// How many facts were read.
    public var factsExamined: UInt64
    /// The subjects whose data was held there during the window, by identifier.
    public var subjects: [SubjectID]
    /// Holdings affected whose subject identifier has been erased since: those people cannot be
    /// named any more, and are not in ``subjects``.
    public var holdingsWithErasedIdentifier: Int
    /// The subjects with data of high sensitivity (national ID numbers, bank accounts) or of a
    /// special category among the affected holdings.
    public var highSensitivitySubjects: [SubjectID]
    /// Per category: how many subjects and holdings.
    public var categories: [CategoryImpact]
    /// Per system: how many subjects and which categories.
    public var perSystem: [SystemImpact]
    /// Recipients that had access: grants on the systems in force during the window, and
    /// disclosures of affected subjects' data during the window.
    public var recipients: [RecipientImpact]

    /// The number of affected subjects that can be named.
    public var subjectCount: Int { subjects.count }

    /// One category of data affected.
    public struct CategoryImpact: Hashable, Sendable, Codable {
        /// The category.
        public var category: DataCategory
        /// Its label.
        public var label: LocalizedText
        /// How harmful a leak is.
        public var sensitivity: Sensitivity
        /// Distinct subjects (named ones).
        public var subjects: Int
        /// Holdings.
        public var holdings: Int
    }

    /// One system's share of the impact.
    public struct SystemImpact: Hashable, Sendable, Codable {
        /// The system.
        public var system: SystemID
        /// Distinct subjects (named ones).
        public var subjects: Int
        /// Holdings.
        public var holdings: Int
        /// The categories it held.
        public var categories: [DataCategory]
    }

    /// A recipient that had access during the window.
    public struct RecipientImpact: Hashable, Sendable, Codable {
        /// The recipient.
        public var recipient: RecipientID
        /// Who it is.
        public var label: LocalizedText
        /// Processor or third party.
        public var role: RecipientDefinition.Role
        /// A standing access grant or an explicit disclosure.
        public var channel: AccessReport.RecipientEntry.Channel
        /// For a grant, the system.
        public var system: SystemID?
        /// On which occasion.
        public var occasion: AccessOccasion
        /// The grant's start, or the disclosure's time.
        public var from: Date
        /// The grant's end, if it ended.
        public var until: Date?
        /// Affected subjects it could reach (a grant: those held in its system; a disclosure: the
        /// one subject).
        public var subjects: Int
        /// The fact recording the grant or disclosure.
        public var sequence: UInt64
    }
}
