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
    ///
    /// Each record's `jurisdiction`, and the `language` of its notice, is the country whose law
    /// governs the person's data for the purpose: the country of their earliest holding for it
    /// (its own, else the person's), else the person's country (``country(of:)``), else the
    /// ledger's default.
    ///
    /// `progress`, for everyone's records, is called after each page of the whole-ledger scan
    /// with the facts read so far and the total.
    public func consentRecords(
        for subject: SubjectID? = nil, progress: (@Sendable (_ read: UInt64, _ total: UInt64) -> Void)? = nil
    ) async throws -> ConsentRecordExport {
        // The one fold of each person's facts; a whole-ledger scan needs only consents and holdings.
        var histories = SubjectHistories()
        if let subject {
            try validator.subject(subject)
            for fact in try await factsFollowingLinks(from: subject).1 { histories.apply(fact) }
        } else {
            try await scanFacts(progress: progress) { fact in
                switch fact.body {
                case .consentDecision, .holding: histories.apply(fact)
                default: break
                }
            }
        }
        let policies = Dictionary(
            try await policyVersions().map { ($0.version, $0.effectiveFrom) }, uniquingKeysWith: { a, _ in a })
        var decisions: [SubjectID: [Purpose: [(Fact, ConsentDecision)]]] = [:]
        var systems: [SubjectID: [Purpose: Set<SystemID>]] = [:]
        var countries: [SubjectID: [Purpose: Region]] = [:]
        var personCountries: [SubjectID: Region] = [:]
        var seen = Set<UInt64>()
        for history in histories.bySubject.values {
            // A link puts its facts in both identifiers' histories; each decision counts once.
            for fact in history.consentDecisions where seen.insert(fact.sequence).inserted {
                guard case .consentDecision(let decision) = fact.body else { continue }
                decisions[decision.subject, default: [:]][decision.purpose, default: []].append((fact, decision))
            }
            for held in history.allHoldings {
                let holding = held.holding
                systems[holding.subject, default: [:]][holding.purpose, default: []].insert(holding.system)
                if countries[holding.subject]?[holding.purpose] == nil {
                    countries[holding.subject, default: [:]][holding.purpose] = history.countries.governing(
                        holding, ledgerDefault: region)
                }
            }
            for person in history.subjects where personCountries[person] == nil {
                if let country = history.countries.country(of: person) { personCountries[person] = country }
            }
        }
        for (person, purposes) in decisions {
            for (purpose, events) in purposes {
                decisions[person]![purpose] = events.sorted { $0.0.sequence < $1.0.sequence }
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
                        recipients: recipients.sorted(), policies: policies,
                        country: countries[person]?[purpose] ?? personCountries[person] ?? region))
            }
        }
        return ConsentRecordExport(generatedAt: clock.now(), records: records)
    }

    private func consentRecord(
        person: SubjectID, purpose: Purpose, events: [(Fact, ConsentDecision)], locations: [SystemID],
        recipients: [RecipientID], policies: [String: Date], country: Region
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
            language: Self.noticeLanguage(country).rawValue,
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
            jurisdiction: country.rawValue,
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
