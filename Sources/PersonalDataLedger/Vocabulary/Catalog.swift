/// Everything a ledger is allowed to record: categories, purposes, systems, recipients, occasions.
///
/// The catalog is the ledger's vocabulary and its purpose-limitation rules. A write that names a
/// term the catalog does not declare is refused, and so is a holding of a category its purpose
/// does not allow. Start from ``focusNordic`` and extend it, or build your own:
///
/// ```swift
/// var catalog = Catalog.focusNordic
/// catalog.add(SystemDefinition("crm", label: .init("CRM")))
/// catalog.purposes[.contactRegister]?.allowedCategories.insert(.billingAddress)
/// ```
///
/// Keep the catalog with the ledger (``Ledger/storeCatalog()``) so that every program reading
/// the ledger — `pdl`, other services — uses it; its JSON form is ``jsonData()`` and
/// ``init(jsonData:)``. See <doc:DefiningYourOwnCatalog>.
public struct Catalog: Hashable, Sendable, Codable {
    /// Who is responsible for the processing, as reports and the record of processing name them.
    public struct Controller: Hashable, Sendable, Codable {
        /// The controller's name.
        public var name: String
        /// Where people send requests about their data (the data protection officer's mailbox).
        public var privacyContact: String

        /// Creates a controller description.
        public init(name: String, privacyContact: String) {
            self.name = name
            self.privacyContact = privacyContact
        }
    }

    /// The controller.
    public var controller: Controller
    /// The declared data categories.
    public var categories: [DataCategory: CategoryDefinition]
    /// The declared purposes.
    public var purposes: [Purpose: PurposeDefinition]
    /// The declared systems.
    public var systems: [SystemID: SystemDefinition]
    /// The declared recipients.
    public var recipients: [RecipientID: RecipientDefinition]
    /// The declared access occasions.
    public var occasions: Set<AccessOccasion>
    /// Transfers to third countries or international organisations (GDPR Art. 30(1)(e));
    /// `nil` or empty when none are declared, which the record of processing says plainly.
    public var thirdCountryTransfers: [ThirdCountryTransfer]?
    /// The technical and organisational security measures, in words (GDPR Art. 30(1)(g), 32);
    /// the record of processing uses `RecordOfProcessing.defaultSecurityMeasures` (in `PersonalDataLedgerReports`) when `nil`.
    public var securityMeasures: LocalizedText?
    /// The lifecycle events that may be recorded; `nil` for ``LifecycleKind/builtIn``. Every kind a
    /// purpose's retention rule starts at is declared too (see ``declaredLifecycleKinds``).
    public var lifecycleKinds: Set<LifecycleKind>?
    /// Labels of occasions of your own; an occasion without one uses ``AccessOccasion/label``
    /// (its built-in label, or its name). See ``label(of:)-(AccessOccasion)``.
    public var occasionLabels: [AccessOccasion: LocalizedText]?
    /// How letters name the event of a lifecycle kind, completing "kept until …": "the
    /// membership ends". A kind without one uses the letters' own words for the built-in
    /// kinds, or its name.
    public var lifecycleLabels: [LifecycleKind: LocalizedText]?

    /// The label of `occasion`: the catalog's (``occasionLabels``), else ``AccessOccasion/label``.
    public func label(of occasion: AccessOccasion) -> LocalizedText {
        occasionLabels?[occasion] ?? occasion.label
    }

    /// The lifecycle events a ledger under this catalog accepts: ``lifecycleKinds`` (or the
    /// built-in kinds), and every kind a retention rule of a declared purpose starts at.
    public var declaredLifecycleKinds: Set<LifecycleKind> {
        var kinds = lifecycleKinds ?? LifecycleKind.builtIn
        for purpose in purposes.values {
            for clock in purpose.retention.clocks {
                switch clock.startsAt {
                case .event(let kind), .latestEvent(let kind): kinds.insert(kind)
                case .recorded, .consentWithdrawn: break
                }
            }
        }
        return kinds
    }

    /// Creates a catalog from lists of definitions.
    public init(
        controller: Controller,
        categories: [CategoryDefinition] = CategoryDefinition.builtIn,
        purposes: [PurposeDefinition] = [],
        systems: [SystemDefinition] = [],
        recipients: [RecipientDefinition] = [],
        occasions: Set<AccessOccasion> = Set(AccessOccasion.focusNordicPolicy)
    ) {
        self.controller = controller
        self.categories = Dictionary(categories.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        self.purposes = Dictionary(purposes.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        self.systems = Dictionary(systems.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        self.recipients = Dictionary(recipients.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        self.occasions = occasions
    }

    /// Declares a category, replacing any definition of the same name.
    public mutating func add(_ definition: CategoryDefinition) { categories[definition.id] = definition }
    /// Declares a purpose, replacing any definition of the same name.
    public mutating func add(_ definition: PurposeDefinition) { purposes[definition.id] = definition }
    /// Declares a system, replacing any definition of the same name.
    public mutating func add(_ definition: SystemDefinition) { systems[definition.id] = definition }
    /// Declares a recipient, replacing any definition of the same name.
    public mutating func add(_ definition: RecipientDefinition) {
        recipients[definition.id] = definition
    }
}
