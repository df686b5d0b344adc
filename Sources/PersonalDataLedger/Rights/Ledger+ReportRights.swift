extension Ledger {
    /// Fills in what the rights engine knows for an access report: each held value's "kept until"
    /// whether the consent in force for each purpose is stale, and the erasures waiting for a
    /// legal hold to end.
    func addRetentionAndConsentState(to report: inout AccessReport, history: SubjectHistory) async throws {
        let now = clock.now()
        let context = try await retentionContext(for: history)
        let calculator = retentionCalculator
        for index in report.heldData.indices where report.heldData[index].valueState != .erased {
            guard let held = history.holdings[report.heldData[index].sequence] else { continue }
            report.heldData[index].keptUntil =
                calculator.retention(of: held.fact, held.holding, context: context, asOf: now).end
        }
        report.pendingErasures = pendingErasures(in: history.liveHoldings, context: context, at: now)

        let policies = PolicyHistory(try await policyVersions())
        var inForce: [UInt64: Bool] = [:]
        for (subject, latest) in history.latestConsents {
            for (purpose, fact) in latest {
                let state = Self.consentState(
                    subject, purpose, at: now, facts: history.consentDecisions, policies: policies)
                if state.decision == fact.sequence, state.status == .given { inForce[fact.sequence] = state.isStale }
            }
        }
        for index in report.consentHistory.indices {
            report.consentHistory[index].isStale = inForce[report.consentHistory[index].sequence]
        }
    }
}
