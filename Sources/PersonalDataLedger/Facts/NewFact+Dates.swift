#if canImport(FoundationEssentials)
    package import FoundationEssentials
#else
    package import Foundation
#endif

extension NewFact {
    /// Every date the fact holds, named by its field: when it was recorded, then its body's, in
    /// the order its record stores them (`FactRecordEncoder`).
    package var datedFields: [(field: String, date: Date)] {
        var dates: [(String, Date)] = [("recordedAt", recordedAt)]
        switch body {
        case .accessGrant(let grant):
            dates.append(("from", grant.from))
            if let until = grant.until { dates.append(("until", until)) }
        case .lifecycleEvent(let event):
            dates.append(("occurredAt", event.occurredAt))
        case .policyVersion(let version):
            dates.append(("effectiveFrom", version.effectiveFrom))
        case .erasure(let erasure):
            for retained in erasure.retained { if let until = retained.until { dates.append(("until", until)) } }
        case .request(let event):
            if let due = event.dueAt { dates.append(("dueAt", due)) }
            if let received = event.receivedOn { dates.append(("receivedOn", received)) }
        case .holding, .consentDecision, .disclosure, .reportIssued, .rectification, .restriction, .objection,
            .subjectLink, .referenceLink:
            break
        }
        return dates
    }
}
