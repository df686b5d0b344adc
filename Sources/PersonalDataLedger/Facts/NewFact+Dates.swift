#if canImport(FoundationEssentials)
    package import FoundationEssentials
#else
    package import Foundation
#endif

extension NewFact {
    /// The first of the fact's dates for which `isRejected` is true, named by its field: when it
    /// was recorded, then its body's, in the order its record stores them (`FactRecordEncoder`).
    /// Runs on every appended fact, so it visits the dates in place rather than listing them.
    package func firstDatedField(where isRejected: (Date) -> Bool) -> String? {
        if isRejected(recordedAt) { return "recordedAt" }
        switch body {
        case .accessGrant(let grant):
            if isRejected(grant.from) { return "from" }
            if let until = grant.until, isRejected(until) { return "until" }
        case .lifecycleEvent(let event):
            if isRejected(event.occurredAt) { return "occurredAt" }
        case .policyVersion(let version):
            if isRejected(version.effectiveFrom) { return "effectiveFrom" }
        case .erasure(let erasure):
            for retained in erasure.retained { if let until = retained.until, isRejected(until) { return "until" } }
        case .request(let event):
            if let due = event.dueAt, isRejected(due) { return "dueAt" }
            if let received = event.receivedOn, isRejected(received) { return "receivedOn" }
        case .holding, .consentDecision, .disclosure, .reportIssued, .rectification, .restriction, .objection,
            .subjectLink, .referenceLink:
            break
        }
        return nil
    }
}
