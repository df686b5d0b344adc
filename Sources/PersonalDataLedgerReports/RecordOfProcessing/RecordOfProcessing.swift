public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The record of processing activities (GDPR Art. 30(1)): what the catalog declares, what the
/// facts show was actually recorded, and the difference between the two.
///
/// Produced by ``Ledger/recordOfProcessing(progress:)``. Everything Art. 30(1) asks for is here: the
/// controller and its contact (a), the purposes (b), the categories of subjects and of data (c),
/// the recipients (d), transfers to third countries (e), the erasure time limits (f) and the
/// security measures (g). Beside each declared purpose stands what was observed — the
/// categories, systems and bases services actually recorded, and how many subjects and holdings
/// — and ``differences`` lists where declaration and practice part: categories recorded that a
/// purpose does not declare (a catalog changed since, or imported data), bases it does not
/// allow, purposes declared but never used, and purposes recorded but not declared.
///
/// It holds no personal data: counts and vocabulary only. Its JSON form is documented in
/// `Documentation/ExportFormats.md`.
public struct RecordOfProcessing: Hashable, Sendable, Codable {
    /// The version of the JSON schema this record follows.
    public static let currentSchemaVersion = 1

    /// The schema's name, always `pdl.record-of-processing`.
    public var schema: String = "pdl.record-of-processing"
    /// The version of the schema.
    public var schemaVersion: Int = RecordOfProcessing.currentSchemaVersion
    /// When the record was produced.
    public var generatedAt: Date
    /// The controller and where requests go (Art. 30(1)(a)).
    public var controller: Catalog.Controller
    /// The country whose periods apply.
    public var region: Region
    /// How many facts were read to observe practice.
    public var factsExamined: UInt64
    /// One entry per processing activity: every declared purpose, then purposes found in the
    /// facts that the catalog does not declare.
    public var activities: [Activity]
    /// The declared recipients and how they were used (Art. 30(1)(d)).
    public var recipients: [Recipient]
    /// The declared systems where data is held, and what they held.
    public var systems: [System]
    /// Transfers to third countries or international organisations (Art. 30(1)(e)).
    public var thirdCountryTransfers: [ThirdCountryTransfer]
    /// The transfers in words: "none declared" when there are none.
    public var thirdCountryTransfersStatement: LocalizedText
    /// The technical and organisational security measures (Art. 30(1)(g)).
    public var securityMeasures: LocalizedText
    /// Where the facts depart from the catalog.
    public var differences: Differences

    /// A category of data, as the catalog defines it.
    public struct CategoryEntry: Hashable, Sendable, Codable {
        /// The category.
        public var category: DataCategory
        /// Its label.
        public var label: LocalizedText
        /// How harmful a leak would be.
        public var sensitivity: Sensitivity
        /// Its W3C DPV IRI and fideslang key.
        public var mapping: SharedVocabularyMapping
    }

    /// A legal basis, with its article and shared-vocabulary terms.
    public struct BasisEntry: Hashable, Sendable, Codable {
        /// The basis.
        public var basis: LegalBasis
        /// Its label.
        public var label: LocalizedText
        /// The GDPR article, such as `6(1)(b)`.
        public var article: String?
        /// Its W3C DPV IRI and fideslang key.
        public var mapping: SharedVocabularyMapping?
    }

    /// One processing activity: a purpose, declared and observed.
    public struct Activity: Hashable, Sendable, Codable {
        /// The purpose.
        public var purpose: Purpose
        /// Its label.
        public var label: LocalizedText
        /// The privacy policy section it comes from.
        public var policySection: String?
        /// Its W3C DPV IRI and fideslang key.
        public var mapping: SharedVocabularyMapping
        /// What the catalog declares; `nil` for a purpose recorded but not declared.
        public var declared: Declared?
        /// What the facts show.
        public var observed: Observed
        /// Categories recorded for this purpose that it does not declare.
        public var undeclaredCategories: [DataCategory]
        /// Bases recorded for this purpose that it does not allow.
        public var undeclaredBases: [LegalBasis]
        /// Whether the purpose is declared and nothing was ever recorded for it.
        public var isUnused: Bool
    }

    /// What the catalog declares for a purpose.
    public struct Declared: Hashable, Sendable, Codable {
        /// The categories of data it may hold (Art. 30(1)(c)).
        public var categories: [CategoryEntry]
        /// The categories of data subjects (Art. 30(1)(c)).
        public var subjectKinds: [SubjectKind]
        /// The basis used when a holding names none.
        public var defaultBasis: LegalBasis
        /// Every basis the purpose allows.
        public var allowedBases: [BasisEntry]
        /// The erasure time limit, in words (Art. 30(1)(f)).
        public var retention: LocalizedText
        /// Whether the purpose is direct marketing.
        public var isDirectMarketing: Bool
    }

    /// What the facts show for a purpose.
    public struct Observed: Hashable, Sendable, Codable {
        /// Holdings ever recorded.
        public var holdings: Int
        /// Holdings whose values have not been erased.
        public var liveHoldings: Int
        /// Distinct subjects with a holding (identifiers erased since are not counted).
        public var subjects: Int
        /// Per category: holdings and subjects.
        public var categories: [ObservedCategory]
        /// The systems the holdings were recorded in.
        public var systems: [SystemID]
        /// The bases the holdings were recorded under.
        public var bases: [BasisEntry]
        /// Recipients with an access grant, at any time, on one of those systems.
        public var recipientsWithAccess: [RecipientID]
        /// The first holding's time.
        public var firstRecordedAt: Date?
        /// The last holding's time.
        public var lastRecordedAt: Date?
    }

    /// One category as recorded for a purpose.
    public struct ObservedCategory: Hashable, Sendable, Codable {
        /// The category.
        public var category: DataCategory
        /// Holdings ever recorded.
        public var holdings: Int
        /// Holdings whose values have not been erased.
        public var liveHoldings: Int
        /// Distinct subjects.
        public var subjects: Int
    }

    /// A declared recipient and how it was used.
    public struct Recipient: Hashable, Sendable, Codable {
        /// The recipient.
        public var recipient: RecipientID
        /// Who it is.
        public var label: LocalizedText
        /// Processor or third party.
        public var role: RecipientDefinition.Role
        /// The W3C DPV IRI of the role.
        public var dpvIRI: String
        /// The occasions its agreement covers.
        public var occasions: [AccessOccasion]
        /// Disclosures recorded to it.
        public var disclosures: Int
        /// Access grants recorded for it.
        public var grants: [Grant]
    }

    /// An access grant, as the record of processing lists it.
    public struct Grant: Hashable, Sendable, Codable {
        /// The system.
        public var system: SystemID
        /// The occasion.
        public var occasion: AccessOccasion
        /// From when.
        public var from: Date
        /// Until when; absent while in force.
        public var until: Date?
    }

    /// A declared system and what it held.
    public struct System: Hashable, Sendable, Codable {
        /// The system.
        public var system: SystemID
        /// What it is.
        public var label: LocalizedText
        /// The purposes recorded in it.
        public var purposes: [Purpose]
        /// The categories recorded in it.
        public var categories: [DataCategory]
        /// Holdings whose values have not been erased.
        public var liveHoldings: Int
    }

    /// Where the facts depart from the catalog.
    public struct Differences: Hashable, Sendable, Codable {
        /// A category recorded for a purpose that does not declare it.
        public struct UndeclaredCategory: Hashable, Sendable, Codable {
            /// The purpose.
            public var purpose: Purpose
            /// The category.
            public var category: DataCategory
            /// How many holdings.
            public var holdings: Int
        }

        /// A basis recorded for a purpose that does not allow it.
        public struct UndeclaredBasis: Hashable, Sendable, Codable {
            /// The purpose.
            public var purpose: Purpose
            /// The basis.
            public var basis: LegalBasis
            /// How many holdings.
            public var holdings: Int
        }

        /// Categories recorded under purposes that do not declare them.
        public var undeclaredCategories: [UndeclaredCategory]
        /// Bases recorded under purposes that do not allow them.
        public var undeclaredBases: [UndeclaredBasis]
        /// Purposes declared and never used.
        public var unusedPurposes: [Purpose]
        /// Purposes recorded but not declared in the catalog.
        public var undeclaredPurposes: [Purpose]
        /// Systems recorded but not declared in the catalog.
        public var undeclaredSystems: [SystemID]

        /// Whether declaration and practice agree everywhere except for unused purposes.
        public var isEmpty: Bool {
            undeclaredCategories.isEmpty && undeclaredBases.isEmpty && undeclaredPurposes.isEmpty
                && undeclaredSystems.isEmpty
        }
    }
}

extension RecordOfProcessing {
    /// What the ledger itself does to protect the data it records, used when the catalog states
    /// no security measures of its own.
    public static let defaultSecurityMeasures = ReportLabels.localizedText(.ropaDefaultSecurityMeasures)

    /// What the record says when no third-country transfer is declared.
    public static let noThirdCountryTransfers = ReportLabels.localizedText(.ropaNoTransfers)
}
