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
    public func report(
        for subject: SubjectID, requestedBy: ActorID, revealing: Bool = false
    ) async throws -> AccessReport {
        try validator.subject(subject)
        let (subjects, facts) = try await factsFollowingLinks(from: subject)
        var report = try await fold(
            facts, subject: subject, linked: subjects.filter { $0 != subject }.sorted(),
            requestedBy: requestedBy, revealing: revealing)
        try await addRetentionAndConsentState(to: &report, facts: facts)
        let issued = try await write(about: [subject], by: requestedBy) { _ in
            [.reportIssued(ReportIssued(subject: subject, requestedBy: requestedBy))]
        }
        report.generatedAt = issued[0].recordedAt
        return report
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

    private func fold(
        _ facts: [Fact], subject: SubjectID, linked: [SubjectID], requestedBy: ActorID, revealing: Bool
    ) async throws -> AccessReport {
        var holdings: [(Fact, Holding)] = []
        var erasedAt: [UInt64: Date] = [:]
        var rectified: [UInt64: (Date, PersonalValue)] = [:]
        var recipients: [AccessReport.RecipientEntry] = []
        var consents: [AccessReport.ConsentEntry] = []
        var restrictions: [Purpose?: AccessReport.RestrictionEntry] = [:]
        var objections: [Purpose: AccessReport.ObjectionEntry] = [:]
        var erasures: [AccessReport.ErasureEntry] = []
        var requests: [String: AccessReport.RequestEntry] = [:]

        for fact in facts {
            switch fact.body {
            case .holding(let holding):
                holdings.append((fact, holding))
            case .rectification(let rectification):
                rectified[rectification.holding] = (fact.recordedAt, rectification.value)
            case .erasure(let erasure):
                for sequence in erasure.erased where erasedAt[sequence] == nil { erasedAt[sequence] = fact.recordedAt }
                erasures.append(
                    .init(
                        at: fact.recordedAt, reason: erasure.reason, erasedValues: erasure.erased.count,
                        retained: erasure.retained))
            case .disclosure(let disclosure):
                let definition = catalog.recipients[disclosure.recipient]
                recipients.append(
                    .init(
                        recipient: disclosure.recipient,
                        label: definition?.label ?? .init(disclosure.recipient.rawValue),
                        role: definition?.role ?? .thirdParty, channel: .disclosure, occasion: disclosure.occasion,
                        occasionLabel: disclosure.occasion.label, categories: disclosure.categories, system: nil,
                        from: fact.recordedAt, until: nil, reference: disclosure.reference, sequence: fact.sequence))
            case .consentDecision(let decision):
                consents.append(
                    .init(
                        sequence: fact.sequence, at: fact.recordedAt, purpose: decision.purpose,
                        decision: decision.decision,
                        policyVersion: decision.policyVersion, channel: decision.channel, evidence: decision.evidence))
            case .restriction(let restriction):
                restrictions[restriction.purpose] =
                    restriction.isLifted ? nil : .init(purpose: restriction.purpose, since: fact.recordedAt)
            case .objection(let objection):
                objections[objection.purpose] =
                    objection.isWithdrawn ? nil : .init(purpose: objection.purpose, since: fact.recordedAt)
            case .request(let event):
                switch event.action {
                case .received:
                    requests[event.requestID] = .init(
                        requestID: event.requestID, kind: event.kind, receivedAt: event.receivedOn ?? fact.recordedAt,
                        dueAt: event.dueAt)
                case .extended:
                    requests[event.requestID]?.dueAt = event.dueAt
                case .closed:
                    requests[event.requestID] = nil
                }
            case .accessGrant, .lifecycleEvent, .policyVersion, .reportIssued, .subjectLink:
                break
            }
        }

        let heldData = holdings.map { fact, holding in
            heldEntry(
                fact, holding, erasedAt: erasedAt[fact.sequence], rectified: rectified[fact.sequence],
                revealing: revealing)
        }
        recipients += try await grantRecipients(for: heldData)
        return AccessReport(
            generatedAt: clock.now(), requestedBy: requestedBy, subject: subject, linkedSubjects: linked,
            controller: catalog.controller, revealsHighSensitivityValues: revealing, heldData: heldData,
            recipients: recipients.sorted { ($0.from, $0.sequence) < ($1.from, $1.sequence) },
            consentHistory: consents,
            restrictions: restrictions.values.sorted { $0.since < $1.since },
            objections: objections.values.sorted { $0.since < $1.since },
            erasures: erasures,
            openRequests: requests.values.sorted { ($0.dueAt ?? .distantFuture) < ($1.dueAt ?? .distantFuture) })
    }

    private func heldEntry(
        _ fact: Fact, _ holding: Holding, erasedAt: Date?, rectified: (Date, PersonalValue)?, revealing: Bool
    ) -> AccessReport.HeldData {
        let category = catalog.categories[holding.category]
        let purpose = catalog.purposes[holding.purpose]
        let sensitivity = category?.sensitivity ?? .normal
        let current = rectified?.1 ?? holding.value
        let (value, state): (String?, AccessReport.ValueState) =
            if erasedAt != nil || current?.isErased == true {
                (nil, .erased)
            } else if let clear = current?.revealed {
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
            reference: holding.reference, since: fact.recordedAt, erasedAt: erasedAt, rectifiedAt: rectified?.0,
            retention: purpose?.retention.summary ?? [.english: "Not declared", .norwegianBokmal: "Ikke oppgitt"])
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
                        occasionLabel: grant.occasion.label, categories: categories, system: system, from: grant.from,
                        until: grant.until, reference: nil, sequence: fact.sequence))
            }
        }
        return entries
    }
}
