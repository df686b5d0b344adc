extension Ledger {
    /// Answers whether a person's data may be processed for a purpose now, with the basis and
    /// the facts it rests on — for example, before the mailing system emails someone.
    ///
    /// An objection or a restriction says no. A purpose that rests on consent needs consent in
    /// force; any other purpose needs data held for it under a basis it allows.
    public func mayProcess(_ subject: SubjectID, for purpose: Purpose) async throws -> ProcessingDecision {
        let definition = try validator.purpose(purpose)
        let state = try await state(of: subject)
        if let objection = state.objections[purpose] {
            return ProcessingDecision(isAllowed: false, ground: .objected, basis: nil, evidence: [objection.sequence])
        }
        if let restriction = state.restriction(for: purpose) {
            return ProcessingDecision(
                isAllowed: false, ground: .restricted, basis: nil, evidence: [restriction.sequence])
        }
        let consentFact = state.consents[purpose]
        if let consentFact, state.hasConsent(to: purpose) {
            return ProcessingDecision(
                isAllowed: true, ground: .consentGiven, basis: .consent, evidence: [consentFact.sequence])
        }
        if definition.defaultBasis != .consent {
            let held = state.liveHoldings(for: purpose).filter {
                guard case .holding(let holding) = $0.body else { return false }
                return holding.basis != .consent
            }
            if let first = held.first, case .holding(let holding) = first.body {
                return ProcessingDecision(
                    isAllowed: true, ground: .heldUnderBasis, basis: holding.basis, evidence: held.map(\.sequence))
            }
        }
        let ground: ProcessingDecision.Ground =
            switch state.consentDecision(for: purpose)?.decision {
            case .withdrawn?: .consentWithdrawn
            case .refused?: .consentRefused
            default: definition.defaultBasis == .consent ? .noConsent : .noBasis
            }
        return ProcessingDecision(
            isAllowed: false, ground: ground, basis: nil, evidence: consentFact.map { [$0.sequence] } ?? [])
    }
}
