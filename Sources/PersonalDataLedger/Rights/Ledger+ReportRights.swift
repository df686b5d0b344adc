extension Ledger {
    /// Fills in what the rights engine knows for an access report: each held value's "kept until"
    /// and whether the consent in force for each purpose is stale.
    func addRetentionAndConsentState(to report: inout AccessReport, facts: [Fact]) async throws {
        let now = clock.now()
        let context = try await retentionContext(for: facts)
        let calculator = retentionCalculator
        let bySequence = Dictionary(uniqueKeysWithValues: facts.map { ($0.sequence, $0) })
        for index in report.heldData.indices where report.heldData[index].valueState != .erased {
            guard let fact = bySequence[report.heldData[index].sequence], case .holding(let holding) = fact.body
            else { continue }
            report.heldData[index].keptUntil =
                calculator.retention(of: fact, holding, context: context, asOf: now).end
        }

        let policies = PolicyHistory(try await policyVersions())
        var inForce: [UInt64: Bool] = [:]
        var seen = Set<[String]>()
        for fact in facts.reversed() {
            guard case .consentDecision(let decision) = fact.body,
                seen.insert([decision.subject.rawValue, decision.purpose.rawValue]).inserted
            else { continue }
            let state = Self.consentState(
                decision.subject, decision.purpose, at: now, facts: facts, policies: policies)
            if state.decision == fact.sequence, state.status == .given { inForce[fact.sequence] = state.isStale }
        }
        for index in report.consentHistory.indices {
            report.consentHistory[index].isStale = inForce[report.consentHistory[index].sequence]
        }
    }
}
