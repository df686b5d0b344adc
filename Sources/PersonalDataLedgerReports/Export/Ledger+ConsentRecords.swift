public import PersonalDataLedger

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Ledger {
    /// The consent records (ISO/IEC TS 27560-shaped) of one person, following subject links, or
    /// of everyone when `subject` is `nil`: one record per person and purpose with a consent
    /// decision, its decisions as events.
    public func consentRecords(for subject: SubjectID? = nil) async throws -> ConsentRecordExport {
        var facts: [Fact] = []
        if let subject {
            try validator.subject(subject)
            facts = try await factsFollowingLinks(from: subject).1
        } else {
            try await scanFacts { fact in
                switch fact.body {
                case .consentDecision, .holding: facts.append(fact)
                default: break
                }
            }
        }
        let policies = Dictionary(
            try await policyVersions().map { ($0.version, $0.effectiveFrom) }, uniquingKeysWith: { a, _ in a })
        var decisions: [SubjectID: [Purpose: [(Fact, ConsentDecision)]]] = [:]
        var systems: [SubjectID: [Purpose: Set<SystemID>]] = [:]
        for fact in facts {
            switch fact.body {
            case .consentDecision(let decision):
                decisions[decision.subject, default: [:]][decision.purpose, default: []].append((fact, decision))
            case .holding(let holding):
                systems[holding.subject, default: [:]][holding.purpose, default: []].insert(holding.system)
            default: break
            }
        }
        var grants: [SystemID: [RecipientID]] = [:]
        var records: [ConsentRecord] = []
        for person in decisions.keys.sorted() {
            for purpose in decisions[person]!.keys.sorted() {
                let events = decisions[person]![purpose]!
                let locations = (systems[person]?[purpose] ?? []).sorted()
                var recipients: [RecipientID] = []
                for system in locations {
                    if grants[system] == nil {
                        grants[system] = try await store.facts(for: .system(system)).compactMap {
                            guard case .accessGrant(let grant) = $0.body else { return nil }
                            return grant.recipient
                        }
                    }
                    for recipient in grants[system]! where !recipients.contains(recipient) {
                        recipients.append(recipient)
                    }
                }
                records.append(
                    consentRecord(
                        person: person, purpose: purpose, events: events, locations: locations,
                        recipients: recipients.sorted(), policies: policies))
            }
        }
        return ConsentRecordExport(generatedAt: clock.now(), records: records)
    }

    private func consentRecord(
        person: SubjectID, purpose: Purpose, events: [(Fact, ConsentDecision)], locations: [SystemID],
        recipients: [RecipientID], policies: [String: Date]
    ) -> ConsentRecord {
        let definition = catalog.purposes[purpose]
        let latest = events[events.count - 1].1
        let contact = catalog.controller.privacyContact
        let withdrawalChannels = events.filter { $0.1.decision == .withdrawn }.map(\.1.channel)
        var withdrawal =
            "Write to \(contact), or use any channel consent was given through; withdrawing is as easy as giving (GDPR Art. 7(3))."
        if !withdrawalChannels.isEmpty {
            withdrawal += " Used before: " + Array(Set(withdrawalChannels)).sorted().joined(separator: ", ") + "."
        }
        let categories = (definition?.allowedCategories ?? []).sorted().map { category in
            let categoryDefinition = catalog.categories[category]
            return ConsentRecord.Term(
                id: category.rawValue, label: categoryDefinition?.label.text(in: .english) ?? category.rawValue,
                dpv: categoryDefinition?.mapping.dpvIRI, fideslang: categoryDefinition?.mapping.fideslangKey)
        }
        return ConsentRecord(
            recordID: "pdl:consent:\(events[0].0.sequence)", piiPrincipalID: person,
            privacyNotice: .init(version: latest.policyVersion, effectiveFrom: policies[latest.policyVersion]),
            language: Self.noticeLanguage(region).rawValue,
            purpose: [
                .init(
                    id: purpose.rawValue, label: definition?.label.text(in: .english) ?? purpose.rawValue,
                    dpv: definition?.mapping.dpvIRI, fideslang: definition?.mapping.fideslangKey)
            ],
            lawfulBasis: [
                .init(
                    id: LegalBasis.consent.rawValue, label: "Consent, GDPR Art. 6(1)(a)",
                    dpv: LegalBasis.consent.mapping?.dpvIRI, fideslang: LegalBasis.consent.mapping?.fideslangKey)
            ],
            piiInformation: categories,
            piiControllers: [.init(name: catalog.controller.name, contact: contact)],
            storageLocations: locations.map(\.rawValue),
            retentionPeriod: definition?.retention.summary.text(in: .english) ?? "Not declared",
            jurisdiction: region.rawValue,
            recipientThirdParties: recipients.map { recipient in
                let definition = catalog.recipients[recipient]
                return .init(
                    id: recipient.rawValue, label: definition?.label.text(in: .english) ?? recipient.rawValue,
                    dpv: definition?.dpvIRI ?? SharedVocabularyMapping.dpv + "Recipient")
            },
            withdrawalMethod: withdrawal, collectionMethod: events[0].1.channel,
            state: latest.decision.dpvIRI,
            events: events.map { fact, decision in
                .init(
                    eventTime: fact.recordedAt, eventType: decision.decision.rawValue,
                    eventState: decision.decision.dpvIRI, validityDuration: nil,
                    privacyNotice: decision.policyVersion, collectionMethod: decision.channel,
                    evidence: decision.evidence, sequence: fact.sequence)
            })
    }

    /// The language a region's privacy notice is written in (BCP 47).
    static func noticeLanguage(_ region: Region) -> Language {
        switch region {
        case .norway: .norwegianBokmal
        case .sweden: Language("sv")
        case .denmark: Language("da")
        case .finland: Language("fi")
        default: .english
        }
    }
}
