public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Ledger {
    /// Assesses a breach of `systems` during `from...to` (GDPR Art. 33/34): the subjects and
    /// categories held there, how many with data of high sensitivity, and which recipients had
    /// access.
    ///
    /// A holding counts when it was recorded no later than `to` and its value was not erased
    /// before `from`; both ends are inclusive. Reads the ledger twice, a page at a time, keeping
    /// the exposed subjects and the window's disclosures, never the holdings.
    ///
    /// - Parameter progress: called after each page of the scan with the facts read so far and
    ///   the total.
    /// - Throws: ``LedgerError`` with ``LedgerError/Rule/unknownSystem`` for a system the
    ///   catalog does not declare, or ``LedgerError/Rule/invalidRequest`` for no systems or a
    ///   window that ends before it starts.
    public func breachImpact(
        systems: [SystemID], from: Date, to: Date,
        progress: (@Sendable (_ read: UInt64, _ total: UInt64) -> Void)? = nil
    ) async throws -> BreachImpact {
        try validator.pointInTime(from, argument: "from", isQuery: true)
        try validator.pointInTime(to, argument: "to", isQuery: true)
        try validator.breach(of: systems, from: from, to: to)
        let breached = Set(systems)
        let count = try await store.integrityHead().count
        // Two passes, so that nothing is kept per holding: the first learns when values were
        // erased (an erasure comes after its holdings), the second counts each exposed holding as
        // it passes, and keeps the disclosures of the window.
        var erased = ErasedSequences()
        try await scanFacts(through: count, pass: .firstOfTwo, progress: progress) { erased.note($0) }
        var subjects: Set<SubjectID> = []
        var highSensitivity: Set<SubjectID> = []
        var erasedIdentifiers = 0
        var byCategory: [DataCategory: (subjects: Set<SubjectID>, holdings: Int)] = [:]
        var bySystem: [SystemID: (subjects: Set<SubjectID>, holdings: Int, categories: Set<DataCategory>)] = [:]
        var windowDisclosures: [(Fact, Disclosure)] = []
        try await scanFacts(through: count, pass: .secondOfTwo, progress: progress) { fact in
            switch fact.body {
            case .holding(let holding):
                // Recorded no later than `to`, and not erased before `from`.
                guard breached.contains(holding.system), fact.recordedAt <= to else { return }
                if let erasedAt = erased.erasedAt(fact.sequence), erasedAt < from { return }
                let named = holding.subject != .erased
                if named { subjects.insert(holding.subject) } else { erasedIdentifiers += 1 }
                if named, (catalog.categories[holding.category]?.sensitivity ?? .normal) >= .high {
                    highSensitivity.insert(holding.subject)
                }
                // In place: a tally copied out and put back would copy its set of subjects per holding.
                byCategory[holding.category, default: ([], 0)].holdings += 1
                if named { byCategory[holding.category, default: ([], 0)].subjects.insert(holding.subject) }
                bySystem[holding.system, default: ([], 0, [])].holdings += 1
                bySystem[holding.system, default: ([], 0, [])].categories.insert(holding.category)
                if named { bySystem[holding.system, default: ([], 0, [])].subjects.insert(holding.subject) }
            case .disclosure(let disclosure):
                // Kept when in the window; whether its subject was exposed is known at the end.
                guard fact.recordedAt >= from, fact.recordedAt <= to, disclosure.subject != .erased else { return }
                windowDisclosures.append((fact, disclosure))
            default:
                break
            }
        }

        var recipients: [BreachImpact.RecipientImpact] = []
        for system in systems.sorted() {
            for fact in try await store.facts(for: .system(system)) where fact.sequence <= count {
                guard case .accessGrant(let grant) = fact.body, grant.overlaps(from: from, to: to) else {
                    continue
                }
                let definition = catalog.recipients[grant.recipient]
                recipients.append(
                    .init(
                        recipient: grant.recipient, label: definition?.label ?? .init(grant.recipient.rawValue),
                        role: definition?.role ?? .processor, channel: .accessGrant, system: system,
                        occasion: grant.occasion, from: grant.from, until: grant.until,
                        subjects: bySystem[system]?.subjects.count ?? 0, sequence: fact.sequence))
            }
        }
        // The disclosures of the exposed subjects; the recipients are sorted below.
        let disclosures = windowDisclosures.filter { subjects.contains($0.1.subject) }
        for (fact, disclosure) in disclosures {
            let definition = catalog.recipients[disclosure.recipient]
            recipients.append(
                .init(
                    recipient: disclosure.recipient,
                    label: definition?.label ?? .init(disclosure.recipient.rawValue),
                    role: definition?.role ?? .thirdParty, channel: .disclosure, system: nil,
                    occasion: disclosure.occasion, from: fact.recordedAt, until: nil, subjects: 1,
                    sequence: fact.sequence))
        }

        let categoryOrder = CategoryDefinition.builtIn.map(\.id)
        return BreachImpact(
            generatedAt: clock.now(), systems: systems.sorted(), from: from, to: to,
            factsExamined: count, subjects: subjects.sorted(),
            holdingsWithErasedIdentifier: erasedIdentifiers,
            highSensitivitySubjects: highSensitivity.sorted(),
            categories: byCategory.keys.sorted {
                ((categoryOrder.firstIndex(of: $0) ?? .max), $0.rawValue)
                    < ((categoryOrder.firstIndex(of: $1) ?? .max), $1.rawValue)
            }.map { category in
                let definition = catalog.categories[category]
                return .init(
                    category: category, label: definition?.label ?? .init(category.rawValue),
                    sensitivity: definition?.sensitivity ?? .normal,
                    subjects: byCategory[category]!.subjects.count, holdings: byCategory[category]!.holdings)
            },
            perSystem: systems.sorted().map { system in
                let entry = bySystem[system]
                return .init(
                    system: system, subjects: entry?.subjects.count ?? 0, holdings: entry?.holdings ?? 0,
                    categories: (entry?.categories ?? []).sorted())
            },
            recipients: recipients.sorted {
                ($0.channel.rawValue, $0.from, $0.sequence) < ($1.channel.rawValue, $1.from, $1.sequence)
            })
    }
}
