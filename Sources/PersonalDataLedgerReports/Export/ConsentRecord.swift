public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A consent record shaped after ISO/IEC TS 27560 (consent record information structure), as
/// the W3C DPV guide to it names the fields: one record per person and purpose, with the
/// decisions as its events.
///
/// Produced by ``Ledger/consentRecords(for:progress:)``; written as JSON with the standard's snake_case
/// field names (`record_id`, `pii_principal_id`, …) and DPV IRIs for purposes, bases, data
/// categories, recipients and consent states. `Documentation/ExportFormats.md` maps every field
/// to where the ledger takes it from.
public struct ConsentRecord: Hashable, Sendable, Codable {
    /// A term with its W3C DPV IRI and fideslang key.
    public struct Term: Hashable, Sendable, Codable {
        /// The ledger's name for it.
        public var id: String
        /// Its English label.
        public var label: String
        /// The nearest W3C DPV term.
        public var dpv: String?
        /// The nearest fideslang key.
        public var fideslang: String?
    }

    /// The privacy notice the person was shown.
    public struct Notice: Hashable, Sendable, Codable {
        /// The policy version.
        public var version: String
        /// When it took effect, if the ledger knows.
        public var effectiveFrom: Date?

        enum CodingKeys: String, CodingKey {
            case version
            case effectiveFrom = "effective_from"
        }
    }

    /// The controller.
    public struct Controller: Hashable, Sendable, Codable {
        /// Its name.
        public var name: String
        /// Where to write about consent and other rights.
        public var contact: String
    }

    /// A recipient that may receive the data.
    public struct Recipient: Hashable, Sendable, Codable {
        /// The recipient's name in the catalog.
        public var id: String
        /// Its English label.
        public var label: String
        /// `dpv:DataProcessor` or `dpv:ThirdParty`.
        public var dpv: String
    }

    /// One consent decision.
    public struct Event: Hashable, Sendable, Codable {
        /// When it was recorded.
        public var eventTime: Date
        /// `given`, `withdrawn` or `refused`.
        public var eventType: String
        /// The consent state it put the record in: `dpv:ConsentGiven`, `dpv:ConsentWithdrawn`,
        /// `dpv:ConsentRefused`.
        public var eventState: String
        /// How long the consent is valid; absent: until withdrawn.
        public var validityDuration: String?
        /// The policy version the person was shown.
        public var privacyNotice: String
        /// The channel it came through.
        public var collectionMethod: String
        /// Evidence an auditor can follow (a form, request or message id).
        public var evidence: String?
        /// The ledger fact that records it.
        public var sequence: UInt64

        enum CodingKeys: String, CodingKey {
            case eventTime = "event_time"
            case eventType = "event_type"
            case eventState = "event_state"
            case validityDuration = "validity_duration"
            case privacyNotice = "privacy_notice"
            case collectionMethod = "collection_method"
            case evidence, sequence
        }
    }

    /// A stable identifier: `pdl:consent:` and the sequence number of the first decision.
    public var recordID: String
    /// The person (the controller's subject identifier).
    public var piiPrincipalID: SubjectID
    /// The privacy notice of the latest decision.
    public var privacyNotice: Notice
    /// The language of the notice (BCP 47), of the record's jurisdiction: `nb`, `sv`, `da`, `fi`.
    public var language: String
    /// The purpose consented to.
    public var purpose: [Term]
    /// The lawful basis: consent, GDPR Art. 6(1)(a).
    public var lawfulBasis: [Term]
    /// The categories of data the purpose may hold.
    public var piiInformation: [Term]
    /// The controller.
    public var piiControllers: [Controller]
    /// The systems holding the person's data for the purpose.
    public var storageLocations: [String]
    /// The purpose's retention rule, in words.
    public var retentionPeriod: String
    /// The country whose law applies (ISO 3166-1 alpha-2).
    public var jurisdiction: String
    /// Recipients with standing access to those systems.
    public var recipientThirdParties: [Recipient]
    /// How the person withdraws.
    public var withdrawalMethod: String
    /// How consent was first collected (the channel of the first decision).
    public var collectionMethod: String
    /// The current state: the DPV IRI of the latest decision.
    public var state: String
    /// Every decision, oldest first.
    public var events: [Event]

    enum CodingKeys: String, CodingKey {
        case recordID = "record_id"
        case piiPrincipalID = "pii_principal_id"
        case privacyNotice = "privacy_notice"
        case language, purpose
        case lawfulBasis = "lawful_basis"
        case piiInformation = "pii_information"
        case piiControllers = "pii_controllers"
        case storageLocations = "storage_locations"
        case retentionPeriod = "retention_period"
        case jurisdiction
        case recipientThirdParties = "recipient_third_parties"
        case withdrawalMethod = "withdrawal_method"
        case collectionMethod = "collection_method"
        case state, events
    }
}

/// A set of consent records, as `pdl export --format consents` writes it.
public struct ConsentRecordExport: Hashable, Sendable, Codable {
    /// The schema's name, always `pdl.consent-records`.
    public var schema: String = "pdl.consent-records"
    /// The version of the schema.
    public var schemaVersion: Int = 1
    /// When the export was made.
    public var generatedAt: Date
    /// The records, by subject then purpose.
    public var records: [ConsentRecord]

    /// The export as JSON: pretty-printed, keys sorted, dates in ISO 8601 UTC.
    public func jsonData() throws -> Data {
        try AccessReport.encoder.encode(self)
    }

    /// Reads an export from its JSON form.
    public init(jsonData: Data) throws {
        self = try AccessReport.decoder.decode(ConsentRecordExport.self, from: jsonData)
    }

    /// Creates an export.
    public init(generatedAt: Date, records: [ConsentRecord]) {
        self.generatedAt = generatedAt
        self.records = records
    }
}
