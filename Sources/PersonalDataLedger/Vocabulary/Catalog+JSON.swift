#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Catalog {
    /// The version of the JSON form (`pdl.catalog`) this library writes and the newest it reads.
    public static let currentSchemaVersion = 1

    /// The catalog as JSON, schema `pdl.catalog` version 1 (`Documentation/Catalog.md`):
    /// pretty-printed, keys sorted, sets sorted, so equal catalogs give equal bytes.
    ///
    /// ```json
    /// {
    ///   "categories" : { "name" : { "format" : "text", "label" : { "en" : "Name", "nb" : "Navn" }, "sensitivity" : "normal" } },
    ///   "controller" : { "name" : "Focus Nordic", "privacyContact" : "GDPR@focusnordic.com" },
    ///   "occasions" : [ "backup", "shipping" ],
    ///   "purposes" : { … },
    ///   "recipients" : { "carrier" : { "label" : { "en" : "Carrier" }, "occasions" : [ "shipping" ], "role" : "thirdParty" } },
    ///   "schema" : "pdl.catalog",
    ///   "schemaVersion" : 1,
    ///   "systems" : { "crm" : { "label" : { "en" : "Customer relationship management" } } }
    /// }
    /// ```
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(CatalogFile(self))
    }

    /// Reads a catalog from its JSON form (schema `pdl.catalog`), and validates it.
    ///
    /// The reader is strict, so that a misspelling never passes unnoticed: every key must be
    /// one the schema defines, no key may appear twice, and the text must be valid UTF-8.
    /// What the catalog declares must then hold together (``validate()``).
    ///
    /// - Throws: ``CatalogError`` with the rule broken, the path of the entry and the line and
    ///   column of the key or value at fault.
    public init(jsonData: Data) throws(CatalogError) {
        let document = try PositionedJSON.parse(Array(jsonData))
        var reader = CatalogJSONReader()
        let catalog = try reader.catalog(document)
        do {
            try catalog.validate()
        } catch {
            throw reader.locate(error)
        }
        self = catalog
    }
}

/// The JSON form of ``Catalog``, as ``Catalog/jsonData()`` writes it.
private struct CatalogFile: Encodable {
    struct Category: Encodable {
        var label: LocalizedText
        var sensitivity: String
        var format: String
        var dpv: String?
        var fideslang: String?
    }

    struct Clock: Encodable {
        var startsAt: String
        var keepFor: String
        var onlyWithConsentTo: String?
        var erasesIdentifier: Bool?
    }

    struct Retention: Encodable {
        var summary: LocalizedText
        var clocks: [Clock]
    }

    struct PurposeEntry: Encodable {
        var label: LocalizedText
        var policySection: String?
        var allowedCategories: [String]
        var defaultBasis: String
        var allowedBases: [String]
        var subjectKinds: [String]
        var retention: Retention
        var directMarketing: Bool?
        var dpv: String?
        var fideslang: String?
    }

    struct System: Encodable {
        var label: LocalizedText
    }

    struct Recipient: Encodable {
        var label: LocalizedText
        var role: String
        var occasions: [String]
    }

    struct Transfer: Encodable {
        var recipient: String?
        var destination: String
        var safeguard: LocalizedText
    }

    var schema = "pdl.catalog"
    var schemaVersion = Catalog.currentSchemaVersion
    var controller: Catalog.Controller
    var categories: [String: Category]
    var purposes: [String: PurposeEntry]
    var systems: [String: System]
    var recipients: [String: Recipient]
    var occasions: [String]
    var lifecycleKinds: [String]?
    var occasionLabels: [String: LocalizedText]?
    var lifecycleLabels: [String: LocalizedText]?
    var thirdCountryTransfers: [Transfer]?
    var securityMeasures: LocalizedText?

    init(_ catalog: Catalog) {
        func names<T: VocabularyTerm>(_ terms: some Collection<T>) -> [String] { terms.sorted().map(\.rawValue) }
        controller = catalog.controller
        categories = Dictionary(
            uniqueKeysWithValues: catalog.categories.map { id, definition in
                (
                    id.rawValue,
                    Category(
                        label: definition.label, sensitivity: definition.sensitivity.rawValue,
                        format: definition.format.rawValue, dpv: definition.mapping.dpvIRI,
                        fideslang: definition.mapping.fideslangKey)
                )
            })
        purposes = Dictionary(
            uniqueKeysWithValues: catalog.purposes.map { id, definition in
                let clocks = definition.retention.clocks.map { clock in
                    Clock(
                        startsAt: CatalogJSONReader.trigger(clock.startsAt),
                        keepFor: CatalogJSONReader.period(clock.keepFor),
                        onlyWithConsentTo: clock.onlyWithConsentTo?.rawValue,
                        erasesIdentifier: clock.erasesIdentifier ? true : nil)
                }
                return (
                    id.rawValue,
                    PurposeEntry(
                        label: definition.label, policySection: definition.policySection,
                        allowedCategories: names(definition.allowedCategories),
                        defaultBasis: definition.defaultBasis.rawValue, allowedBases: names(definition.allowedBases),
                        subjectKinds: names(definition.subjectKinds),
                        retention: Retention(summary: definition.retention.summary, clocks: clocks),
                        directMarketing: definition.isDirectMarketing ? true : nil, dpv: definition.mapping.dpvIRI,
                        fideslang: definition.mapping.fideslangKey)
                )
            })
        systems = Dictionary(
            uniqueKeysWithValues: catalog.systems.map { ($0.key.rawValue, System(label: $0.value.label)) })
        recipients = Dictionary(
            uniqueKeysWithValues: catalog.recipients.map { id, definition in
                (
                    id.rawValue,
                    Recipient(
                        label: definition.label, role: definition.role.rawValue, occasions: names(definition.occasions))
                )
            })
        occasions = names(catalog.occasions)
        lifecycleKinds = catalog.lifecycleKinds.map { names($0) }
        occasionLabels = catalog.occasionLabels.map { labels in
            Dictionary(uniqueKeysWithValues: labels.map { ($0.key.rawValue, $0.value) })
        }
        lifecycleLabels = catalog.lifecycleLabels.map { labels in
            Dictionary(uniqueKeysWithValues: labels.map { ($0.key.rawValue, $0.value) })
        }
        thirdCountryTransfers = catalog.thirdCountryTransfers.map { transfers in
            transfers.map {
                Transfer(recipient: $0.recipient?.rawValue, destination: $0.destination, safeguard: $0.safeguard)
            }
        }
        securityMeasures = catalog.securityMeasures
    }
}
