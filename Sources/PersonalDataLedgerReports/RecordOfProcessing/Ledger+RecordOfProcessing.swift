public import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Ledger {
    /// Produces the record of processing activities (GDPR Art. 30(1)): the catalog's
    /// declarations beside what the facts show was recorded, and the difference.
    ///
    /// Reads the ledger twice, a page at a time, keeping counts, vocabulary and the distinct
    /// subjects per purpose, never a fact; the record holds no personal value.
    ///
    /// - Parameter progress: called after each page of the scan with the facts read so far and
    ///   the total.
    public func recordOfProcessing(
        progress: (@Sendable (_ read: UInt64, _ total: UInt64) -> Void)? = nil
    ) async throws -> RecordOfProcessing {
        // Two passes, so that nothing is kept per holding: the first learns which values were
        // erased (an erasure comes after its holdings), the second counts each holding as it
        // passes, live or not.
        let count = try await store.integrityHead().count
        var erased = ErasedSequences()
        try await scanFacts(through: count, pass: .firstOfTwo, progress: progress) { erased.note($0) }
        var tally = ProcessingTally(erased: erased)
        try await scanFacts(through: count, pass: .secondOfTwo, progress: progress) { tally.add($0) }
        return tally.record(
            catalog: catalog, region: region, generatedAt: clock.now(), factsExamined: count)
    }
}

/// Counts what the facts show as they stream by, in sequence order: each holding into its
/// purpose's and its system's tallies — live unless an erasure named it (``ErasedSequences``,
/// from a first pass) — and recipients as they come. It keeps counts, vocabulary and the
/// distinct subjects per purpose and category, never a fact.
struct ProcessingTally {
    struct CategoryTally {
        var holdings = 0
        var liveHoldings = 0
        var subjects: Set<SubjectID> = []
    }

    struct PurposeTally {
        var holdings = 0
        var liveHoldings = 0
        var subjects: Set<SubjectID> = []
        var categories: [DataCategory: CategoryTally] = [:]
        var systems: Set<SystemID> = []
        var bases: [LegalBasis: Int] = [:]
        var first: Date?
        var last: Date?

        /// Counts one holding, in place: a copy taken out of the dictionary and put back would
        /// copy the sets it holds, once per holding — quadratic in the ledger.
        mutating func add(_ fact: Fact, _ holding: Holding, isLive: Bool) {
            holdings += 1
            let live = isLive ? 1 : 0
            liveHoldings += live
            if holding.subject != .erased { subjects.insert(holding.subject) }
            categories[holding.category, default: CategoryTally()].holdings += 1
            categories[holding.category, default: CategoryTally()].liveHoldings += live
            if holding.subject != .erased {
                categories[holding.category, default: CategoryTally()].subjects.insert(holding.subject)
            }
            systems.insert(holding.system)
            bases[holding.basis, default: 0] += 1
            first = first ?? fact.recordedAt
            last = fact.recordedAt
        }
    }

    struct SystemTally {
        var purposes: Set<Purpose> = []
        var categories: Set<DataCategory> = []
        var liveHoldings = 0
    }

    /// The values erased anywhere in the ledger.
    let erased: ErasedSequences
    private(set) var purposes: [Purpose: PurposeTally] = [:]
    private(set) var systems: [SystemID: SystemTally] = [:]
    var disclosures: [RecipientID: Int] = [:]
    var grants: [RecipientID: [RecordOfProcessing.Grant]] = [:]
    var grantsBySystem: [SystemID: Set<RecipientID>] = [:]

    init(erased: ErasedSequences) { self.erased = erased }

    mutating func add(_ fact: Fact) {
        switch fact.body {
        case .holding(let holding):
            let isLive = !erased.isErased(fact.sequence)
            purposes[holding.purpose, default: PurposeTally()].add(fact, holding, isLive: isLive)
            systems[holding.system, default: SystemTally()].purposes.insert(holding.purpose)
            systems[holding.system, default: SystemTally()].categories.insert(holding.category)
            if isLive { systems[holding.system, default: SystemTally()].liveHoldings += 1 }
        case .disclosure(let disclosure):
            disclosures[disclosure.recipient, default: 0] += 1
        case .accessGrant(let grant):
            grants[grant.recipient, default: []].append(
                .init(system: grant.system, occasion: grant.occasion, from: grant.from, until: grant.until))
            grantsBySystem[grant.system, default: []].insert(grant.recipient)
        default:
            break
        }
    }

    private static func basisEntry(_ basis: LegalBasis) -> RecordOfProcessing.BasisEntry {
        .init(basis: basis, label: basis.label, article: basis.article, mapping: basis.mapping)
    }

    func record(
        catalog: Catalog, region: Region, generatedAt: Date, factsExamined: UInt64
    ) -> RecordOfProcessing {
        var activities: [RecordOfProcessing.Activity] = []
        var differences = RecordOfProcessing.Differences(
            undeclaredCategories: [], undeclaredBases: [], unusedPurposes: [], undeclaredPurposes: [],
            undeclaredSystems: [])
        let declaredOrder = catalog.purposes.keys.sorted { lhs, rhs in
            // The policy's order for the built-in purposes, then by name.
            let order = PurposeDefinition.focusNordic.map(\.id)
            let l = order.firstIndex(of: lhs) ?? Int.max
            let r = order.firstIndex(of: rhs) ?? Int.max
            return (l, lhs.rawValue) < (r, rhs.rawValue)
        }
        let undeclared = purposes.keys.filter { catalog.purposes[$0] == nil }.sorted()
        for purpose in declaredOrder + undeclared {
            let definition = catalog.purposes[purpose]
            let tally = purposes[purpose] ?? PurposeTally()
            let declared = definition.map { definition in
                RecordOfProcessing.Declared(
                    categories: definition.allowedCategories.sorted(by: categoryOrder(catalog)).map {
                        categoryEntry($0, catalog: catalog)
                    },
                    subjectKinds: definition.subjectKinds.sorted(), defaultBasis: definition.defaultBasis,
                    allowedBases: definition.allowedBases.sorted(by: basisOrder).map(Self.basisEntry),
                    retention: definition.retention.summary, isDirectMarketing: definition.isDirectMarketing)
            }
            let observedCategories = tally.categories.keys.sorted(by: categoryOrder(catalog)).map {
                category in
                let entry = tally.categories[category]!
                return RecordOfProcessing.ObservedCategory(
                    category: category, holdings: entry.holdings, liveHoldings: entry.liveHoldings,
                    subjects: entry.subjects.count)
            }
            let systemsUsed = tally.systems.sorted()
            let observed = RecordOfProcessing.Observed(
                holdings: tally.holdings, liveHoldings: tally.liveHoldings, subjects: tally.subjects.count,
                categories: observedCategories, systems: systemsUsed,
                bases: tally.bases.keys.sorted(by: basisOrder).map(Self.basisEntry),
                recipientsWithAccess: Set(systemsUsed.flatMap { grantsBySystem[$0] ?? [] }).sorted(),
                firstRecordedAt: tally.first, lastRecordedAt: tally.last)
            let undeclaredCategories =
                definition.map { definition in
                    observedCategories.map(\.category).filter { !definition.allowedCategories.contains($0) }
                } ?? observedCategories.map(\.category)
            let undeclaredBases =
                definition.map { definition in
                    tally.bases.keys.sorted(by: basisOrder).filter { !definition.allowedBases.contains($0) }
                } ?? tally.bases.keys.sorted(by: basisOrder)
            if definition != nil {
                for category in undeclaredCategories {
                    differences.undeclaredCategories.append(
                        .init(purpose: purpose, category: category, holdings: tally.categories[category]!.holdings))
                }
                for basis in undeclaredBases {
                    differences.undeclaredBases.append(
                        .init(purpose: purpose, basis: basis, holdings: tally.bases[basis]!))
                }
                if tally.holdings == 0 { differences.unusedPurposes.append(purpose) }
            } else {
                differences.undeclaredPurposes.append(purpose)
            }
            activities.append(
                .init(
                    purpose: purpose, label: definition?.label ?? .init(purpose.rawValue),
                    policySection: definition?.policySection, mapping: definition?.mapping ?? .init(),
                    declared: declared, observed: observed, undeclaredCategories: undeclaredCategories,
                    undeclaredBases: undeclaredBases, isUnused: definition != nil && tally.holdings == 0))
        }
        differences.undeclaredSystems = systems.keys.filter { catalog.systems[$0] == nil }.sorted()

        let recipients = catalog.recipients.values.sorted { $0.id < $1.id }.map { definition in
            RecordOfProcessing.Recipient(
                recipient: definition.id, label: definition.label, role: definition.role,
                dpvIRI: definition.dpvIRI, occasions: definition.occasions.sorted(),
                disclosures: disclosures[definition.id] ?? 0,
                grants: (grants[definition.id] ?? []).sorted { ($0.from, $0.system) < ($1.from, $1.system) })
        }
        let systemEntries = Set(catalog.systems.keys).union(systems.keys).sorted().map { id in
            let used = systems[id]
            return RecordOfProcessing.System(
                system: id, label: catalog.systems[id]?.label ?? .init(id.rawValue),
                purposes: (used?.purposes ?? []).sorted(),
                categories: (used?.categories ?? []).sorted(by: categoryOrder(catalog)),
                liveHoldings: used?.liveHoldings ?? 0)
        }
        let transfers = catalog.thirdCountryTransfers ?? []
        return RecordOfProcessing(
            generatedAt: generatedAt, controller: catalog.controller, region: region,
            factsExamined: factsExamined, activities: activities, recipients: recipients,
            systems: systemEntries, thirdCountryTransfers: transfers,
            thirdCountryTransfersStatement: transfers.isEmpty
                ? RecordOfProcessing.noThirdCountryTransfers
                : ReportLabels.localizedText(.ropaTransfersDeclared, "\(transfers.count)"),
            securityMeasures: catalog.securityMeasures ?? RecordOfProcessing.defaultSecurityMeasures,
            differences: differences)
    }

    private func categoryEntry(_ category: DataCategory, catalog: Catalog)
        -> RecordOfProcessing.CategoryEntry
    {
        let definition = catalog.categories[category]
        return .init(
            category: category, label: definition?.label ?? .init(category.rawValue),
            sensitivity: definition?.sensitivity ?? .normal, mapping: definition?.mapping ?? .init())
    }

    /// Built-in categories in the order the policy lists them, others by name.
    private func categoryOrder(_ catalog: Catalog) -> (DataCategory, DataCategory) -> Bool {
        let order = CategoryDefinition.builtIn.map(\.id)
        return { lhs, rhs in
            let l = order.firstIndex(of: lhs) ?? Int.max
            let r = order.firstIndex(of: rhs) ?? Int.max
            return (l, lhs.rawValue) < (r, rhs.rawValue)
        }
    }

    /// Bases in the order of Art. 6(1), others by name.
    private func basisOrder(_ lhs: LegalBasis, _ rhs: LegalBasis) -> Bool {
        let l = LegalBasis.gdprArticle6.firstIndex(of: lhs) ?? Int.max
        let r = LegalBasis.gdprArticle6.firstIndex(of: rhs) ?? Int.max
        return (l, lhs.rawValue) < (r, rhs.rawValue)
    }
}
