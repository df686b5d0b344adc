extension Ledger {
    /// Answers whether a person's data may be processed for a purpose now, with the basis and
    /// the facts it rests on — for example, before the mailing system emails someone.
    ///
    /// An objection or a restriction says no. A purpose that rests on consent needs consent in
    /// force; any other purpose needs data held for it under a basis it allows.
    public func mayProcess(_ subject: SubjectID, for purpose: Purpose) async throws -> ProcessingDecision {
        let definition = try validator.purpose(purpose)
        try validator.subject(subject)
        let history = try await history(of: subject)
        if let objection = history.objection(of: subject, to: purpose) {
            return ProcessingDecision(isAllowed: false, ground: .objected, basis: nil, evidence: [objection.sequence])
        }
        if let restriction = history.restriction(of: subject, for: purpose) {
            return ProcessingDecision(
                isAllowed: false, ground: .restricted, basis: nil, evidence: [restriction.sequence])
        }
        let consent = history.consent(of: subject, for: purpose)
        if let (fact, decision) = consent, decision.decision == .given {
            return ProcessingDecision(
                isAllowed: true, ground: .consentGiven, basis: .consent, evidence: [fact.sequence])
        }
        if definition.defaultBasis != .consent {
            let held = history.liveHoldings(of: subject, for: purpose).filter { $0.holding.basis != .consent }
            if let first = held.first {
                return ProcessingDecision(
                    isAllowed: true, ground: .heldUnderBasis, basis: first.holding.basis, evidence: held.map(\.sequence)
                )
            }
        }
        let ground: ProcessingDecision.Ground =
            switch consent?.1.decision {
            case .withdrawn?: .consentWithdrawn
            case .refused?: .consentRefused
            default: definition.defaultBasis == .consent ? .noConsent : .noBasis
            }
        return ProcessingDecision(
            isAllowed: false, ground: ground, basis: nil, evidence: consent.map { [$0.0.sequence] } ?? [])
    }
}
