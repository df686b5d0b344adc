extension Validator {
    /// Checks a fact read from an export before it is imported, by the same predicates a write
    /// of it would pass: every term must be in the catalog, every holding one its purpose may
    /// hold under a basis it allows with an Art. 9(2) condition where needed, consent in force
    /// for a holding that rests on it, values in their category's form, consent under a
    /// published policy version, and references pointing backwards.
    ///
    /// `histories` are the subjects' histories folded from the facts imported before this one,
    /// in order: consent given earlier in the export is in force. `policies` are the policy
    /// versions published so far. The facts of an identifier that was erased all read
    /// ``SubjectID/erased``, so their states cannot be told apart: for them only the terms are
    /// judged. A value erased in place is not judged.
    package func imported(_ fact: Fact, histories: SubjectHistories, policies: [Fact]) throws(LedgerError) {
        for subject in fact.body.subjects where subject != .erased {
            try self.subject(subject)
        }
        switch fact.body {
        case .holding(let holding):
            let history = holding.subject == .erased ? nil : histories[holding.subject]
            try self.holding(permitted: holding, history: history)
            try self.region(holding.region)
            _ = try normalized(holding, countries: histories[holding.subject].countries)
        case .consentDecision(let decision):
            try consent(
                for: decision.purpose, policy: decision.policyVersion, channel: decision.channel,
                published: Set(Self.versions(policies)))
        case .disclosure(let disclosure):
            try self.disclosure(disclosure.categories, to: disclosure.recipient, for: disclosure.occasion)
            if disclosure.subject != .erased {
                try self.disclosure(
                    disclosure.categories, of: disclosure.subject, history: histories[disclosure.subject])
            }
        case .accessGrant(let grant):
            try self.grant(
                to: grant.recipient, on: grant.system, for: grant.occasion, from: grant.from, until: grant.until)
        case .rectification(let rectification):
            guard rectification.holding < fact.sequence else {
                throw LedgerError(
                    .invalidRequest,
                    "The rectification refers to fact \(rectification.holding), which does not come before it.")
            }
            if let held = histories.holding(rectification.holding) {
                var corrected = held.holding
                corrected.value = rectification.value
                _ = try normalized(corrected, countries: histories[held.holding.subject].countries)
            }
        case .erasure(let erasure):
            if let later = erasure.erased.first(where: { $0 >= fact.sequence }) {
                throw LedgerError(
                    .invalidRequest, "The erasure refers to fact \(later), which does not come before it.")
            }
        case .restriction(let restriction):
            if let purpose = restriction.purpose { _ = try self.purpose(purpose) }
        case .objection(let objection):
            _ = try purpose(objection.purpose)
        case .lifecycleEvent(let event):
            try lifecycle(event.kind, reference: event.reference)
        case .referenceLink(let link):
            try referenceLink(link.reference, concerns: link.concerns)
        case .policyVersion(let version):
            if try policy(version, published: policies) != nil {
                throw LedgerError(
                    .policyVersionConflict,
                    "Policy version '\(version.version)' is published twice in the export; a ledger publishes a version once."
                )
            }
        case .subjectLink(let link):
            if link.subject != .erased || link.linked != .erased { try self.link(link.subject, to: link.linked) }
        case .request(let event):
            try requestID(event.requestID)
        case .reportIssued:
            break
        }
    }

    private static func versions(_ policies: [Fact]) -> [String] {
        policies.compactMap {
            guard case .policyVersion(let version) = $0.body else { return nil }
            return version.version
        }
    }
}
