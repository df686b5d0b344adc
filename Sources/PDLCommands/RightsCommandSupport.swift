import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// A retention end for a person reading a terminal: a period counted in days names its last day
/// kept ("2031-12-31"); anything else its instant.
func describeEnd(_ date: Date) -> String {
    if date.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0 {
        return date.addingTimeInterval(-86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
    }
    return date.formatted(.iso8601)
}

/// A retention end in words, for `pdl retention` and `pdl erase`.
func describe(_ end: RetentionEnd) -> String {
    switch end {
    case .date(let date): "kept until \(describeEnd(date))"
    case .event(let events, let withdrawal):
        "kept until "
            + (events.map { "event \($0)" } + (withdrawal ? ["consent withdrawn"] : [])).joined(separator: " or ")
    case .noLimit: "no limit"
    case .undetermined(let reason): "undetermined: \(reason)"
    }
}

/// A retention clock in words: what starts it and for how long it keeps.
func describe(_ clock: RetentionRule.Clock?) -> String {
    guard let clock else { return "no clock started" }
    let start =
        switch clock.startsAt {
        case .event(let kind): "\(kind)"
        case .latestEvent(let kind): "last \(kind)"
        case .recorded: "recorded"
        case .consentWithdrawn: "consent withdrawn"
        }
    let period =
        switch clock.keepFor {
        case .immediately: "immediately"
        case .days(let n): "\(n) day(s)"
        case .months(let n): "\(n) month(s)"
        case .years(let n): "\(n) year(s)"
        case .bookkeeping: "bookkeeping period"
        case .consumerComplaint: "consumer complaint period"
        case .untilWithdrawn: "until withdrawn"
        }
    return "\(start) + \(period)" + (clock.onlyWithConsentTo.map { ", with consent to \($0)" } ?? "")
}

/// The lines telling which recipients must be told of an erasure (GDPR Art. 19).
func recipientLines(_ notices: [RecipientNotice]) -> [String] {
    guard !notices.isEmpty else { return ["Recipients to tell (GDPR Art. 19): none."] }
    var lines = ["Recipients to tell (GDPR Art. 19), and tell the person who they are:"]
    for notice in notices {
        let how = notice.channels.map(\.rawValue).joined(separator: ", ")
        let context = (notice.systems.map(\.rawValue) + notice.references.map(\.rawValue)).joined(separator: ", ")
        lines.append(
            "  \(notice.recipient) (\(notice.label.text(in: .english)), \(notice.role.rawValue)) via \(how): "
                + notice.categories.map(\.rawValue).joined(separator: ", ")
                + " of " + notice.subjects.map(\.rawValue).joined(separator: ", ")
                + (context.isEmpty ? "" : " [\(context)]"))
    }
    return lines
}

/// A pending erasure in one line, for `pdl requests` and `pdl retention`: what, why and until when.
func pendingErasureLine(_ pending: PendingErasure) -> String {
    let until: String =
        if pending.isDue {
            "hold ended: erased by the next pdl retention --apply"
        } else if let date = pending.until {
            "kept until \(describeEnd(date))"
        } else if let event = pending.untilEvent {
            "kept until \(event)" + (pending.reference.map { " of \($0)" } ?? "")
        } else {
            "kept while the hold lasts"
        }
    return "#\(pending.holding) \(pending.subject) \(pending.category) — \(pending.system), \(pending.purpose)"
        + (pending.reference.map { ", \($0)" } ?? "")
        + ": \(pending.hold), \(until) (erasure fact #\(pending.erasure), \(pending.reason))"
}
