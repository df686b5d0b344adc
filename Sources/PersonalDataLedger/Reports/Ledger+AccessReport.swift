#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Ledger {
    /// Produces the access report for a person (GDPR Art. 15), following subject links, and
    /// records that it was produced and by whom.
    ///
    /// - Parameters:
    ///   - subject: whom the report is about.
    ///   - requestedBy: who asked for it (recorded for accountability).
    ///   - revealing: whether to show national ID numbers and bank accounts in full; they are
    ///     masked by default.
    public func issueReport(
        for subject: SubjectID, requestedBy: ActorID, revealing: Bool = false
    ) async throws -> AccessReport {
        try await observingWrite(
            .reportIssued, facts: { _ in 1 }, subjects: { 1 + $0.linkedSubjects.count },
            detail: { report, duration in .reportIssued(subjects: 1 + report.linkedSubjects.count, duration: duration) }
        ) {
            try await report(for: subject, requestedBy: requestedBy, revealing: revealing)
        }
    }

    private func report(for subject: SubjectID, requestedBy: ActorID, revealing: Bool) async throws -> AccessReport {
        try validator.subject(subject)
        let (subjects, history) = try await historyFollowingLinks(from: subject)
        var report = try await accessReport(
            from: history, subject: subject, linked: subjects.filter { $0 != subject }.sorted(),
            requestedBy: requestedBy, revealing: revealing)
        try await addRetentionAndConsentState(to: &report, history: history)
        let issued = try await write(
            about: [subject], by: requestedBy, [.reportIssued(ReportIssued(subject: subject, requestedBy: requestedBy))]
        )
        report.generatedAt = issued[0].recordedAt
        return report
    }

    /// Every identifier linked to `subject`, directly or through others, and the one history of
    /// all their facts.
    package func historyFollowingLinks(from subject: SubjectID) async throws -> (Set<SubjectID>, SubjectHistory) {
        let (subjects, facts) = try await factsFollowingLinks(from: subject)
        return (subjects, SubjectHistory(facts))
    }

    /// Every identifier linked to `subject`, directly or through others, and all their facts.
    package func factsFollowingLinks(from subject: SubjectID) async throws -> (Set<SubjectID>, [Fact]) {
        var seen: Set<SubjectID> = [subject]
        var pending = [subject]
        var facts: [UInt64: Fact] = [:]
        while let next = pending.popLast() {
            for fact in try await store.facts(about: next) {
                facts[fact.sequence] = fact
                guard case .subjectLink(let link) = fact.body else { continue }
                for other in [link.subject, link.linked] where other != .erased && seen.insert(other).inserted {
                    pending.append(other)
                }
            }
        }
        return (seen, facts.values.sorted { $0.sequence < $1.sequence })
    }

    /// The report's content, read from the history of the person's identifiers.
    private func accessReport(
        from history: SubjectHistory, subject: SubjectID, linked: [SubjectID], requestedBy: ActorID, revealing: Bool
    ) async throws -> AccessReport {
        let recipients: [AccessReport.RecipientEntry] = history.disclosures.compactMap { fact in
            guard case .disclosure(let disclosure) = fact.body else { return nil }
            let definition = catalog.recipients[disclosure.recipient]
            return .init(
                recipient: disclosure.recipient,
                label: definition?.label ?? .init(disclosure.recipient.rawValue),
                role: definition?.role ?? .thirdParty, channel: .disclosure, occasion: disclosure.occasion,
                occasionLabel: catalog.label(of: disclosure.occasion), categories: disclosure.categories, system: nil,
                from: fact.recordedAt, until: nil, reference: disclosure.reference, sequence: fact.sequence)
        }
        let consents: [AccessReport.ConsentEntry] = history.consentDecisions.compactMap { fact in
            guard case .consentDecision(let decision) = fact.body else { return nil }
            return .init(
                sequence: fact.sequence, at: fact.recordedAt, purpose: decision.purpose, decision: decision.decision,
                policyVersion: decision.policyVersion, channel: decision.channel, evidence: decision.evidence)
        }
        // Per identifier: one linked identifier lifting its restriction does not lift another's.
        let restrictions = history.restrictions.values.flatMap(\.values).sorted { $0.sequence < $1.sequence }
            .compactMap { fact -> AccessReport.RestrictionEntry? in
                guard case .restriction(let restriction) = fact.body else { return nil }
                return .init(purpose: restriction.purpose, since: fact.recordedAt)
            }
        let objections = history.objections.values.flatMap(\.values).sorted { $0.sequence < $1.sequence }
            .compactMap { fact -> AccessReport.ObjectionEntry? in
                guard case .objection(let objection) = fact.body else { return nil }
                return .init(purpose: objection.purpose, since: fact.recordedAt)
            }
        let erasures: [AccessReport.ErasureEntry] = history.erasures.compactMap { fact in
            guard case .erasure(let erasure) = fact.body else { return nil }
            return .init(
                at: fact.recordedAt, reason: erasure.reason, erasedValues: erasure.erased.count,
                retained: erasure.retained)
        }
        let now = clock.now()
        let requests: [AccessReport.RequestEntry] = history.requests.values.compactMap { events in
            guard let request = Self.request(from: events, asOf: now), request.isOpen else { return nil }
            return .init(
                requestID: request.id, kind: request.kind, receivedAt: request.receivedOn, dueAt: request.dueAt)
        }
        let heldData = history.allHoldings.map { held in
            var entry = heldEntry(held, revealing: revealing)
            entry.country = country(governing: held.holding, in: history)
            return entry
        }
        return AccessReport(
            generatedAt: now, requestedBy: requestedBy, subject: subject, linkedSubjects: linked,
            country: country(of: subject, in: history),
            controller: catalog.controller, revealsHighSensitivityValues: revealing, heldData: heldData,
            recipients: (recipients + (try await grantRecipients(for: heldData))).sorted {
                ($0.from, $0.sequence) < ($1.from, $1.sequence)
            },
            consentHistory: consents, restrictions: restrictions, objections: objections, erasures: erasures,
            openRequests: requests.sorted {
                ($0.dueAt ?? .distantFuture, $0.requestID) < ($1.dueAt ?? .distantFuture, $1.requestID)
            })
    }

    private func heldEntry(_ held: SubjectHistory.HeldValue, revealing: Bool) -> AccessReport.HeldData {
        let (fact, holding) = (held.fact, held.holding)
        let category = catalog.categories[holding.category]
        let purpose = catalog.purposes[holding.purpose]
        let sensitivity = category?.sensitivity ?? .normal
        let (value, state): (String?, AccessReport.ValueState) =
            if held.isValueGone {
                (nil, .erased)
            } else if let clear = held.currentValue?.revealed {
                if sensitivity >= .high && !revealing {
                    ((category?.format ?? .text).mask(clear), .masked)
                } else {
                    (clear, .shown)
                }
            } else {
                (nil, .notRecorded)
            }
        return AccessReport.HeldData(
            sequence: fact.sequence, subject: holding.subject, category: holding.category,
            categoryLabel: category?.label ?? .init(holding.category.rawValue), sensitivity: sensitivity,
            categoryMapping: category?.mapping ?? .init(), value: value, valueState: state, system: holding.system,
            purpose: holding.purpose, purposeLabel: purpose?.label ?? .init(holding.purpose.rawValue),
            basis: holding.basis, basisArticle: holding.basis.article, source: holding.source.description,
            reference: holding.reference, since: fact.recordedAt, erasedAt: held.erasedAt,
            rectifiedAt: held.rectifiedAt,
            retention: purpose?.retention.summary ?? [
                .english: "Not declared", .norwegianBokmal: "Ikke oppgitt", .swedish: "Inte angivet",
                .danish: "Ikke angivet", .finnish: "Ei ilmoitettu",
            ])
    }

    /// Recipients with standing access to a system during the time it held the person's data.
    private func grantRecipients(for held: [AccessReport.HeldData]) async throws -> [AccessReport.RecipientEntry] {
        var entries: [AccessReport.RecipientEntry] = []
        let bySystem = Dictionary(grouping: held, by: \.system)
        for system in bySystem.keys.sorted() {
            let holdings = bySystem[system]!
            for fact in try await store.facts(for: .system(system)) {
                guard case .accessGrant(let grant) = fact.body else { continue }
                let exposed = holdings.filter { grant.overlaps(from: $0.since, to: $0.erasedAt) }
                guard !exposed.isEmpty else { continue }
                let definition = catalog.recipients[grant.recipient]
                var categories: [DataCategory] = []
                for entry in exposed where !categories.contains(entry.category) { categories.append(entry.category) }
                entries.append(
                    .init(
                        recipient: grant.recipient, label: definition?.label ?? .init(grant.recipient.rawValue),
                        role: definition?.role ?? .processor, channel: .accessGrant, occasion: grant.occasion,
                        occasionLabel: catalog.label(of: grant.occasion), categories: categories, system: system,
                        from: grant.from,
                        until: grant.until, reference: nil, sequence: fact.sequence))
            }
        }
        return entries
    }
}
