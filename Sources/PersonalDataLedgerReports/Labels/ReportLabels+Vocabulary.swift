import PersonalDataLedger

extension ReportLabels {
    /// A consent decision as a letter's table shows it (`Given`), or in running text (`given`).
    func decision(_ decision: ConsentDecision.Decision, capitalized: Bool) -> String {
        switch decision {
        case .given: self[capitalized ? .decisionGiven : .decisionGivenLower]
        case .withdrawn: self[capitalized ? .decisionWithdrawn : .decisionWithdrawnLower]
        case .refused: self[capitalized ? .decisionRefused : .decisionRefusedLower]
        }
    }

    func role(_ role: RecipientDefinition.Role) -> String {
        switch role {
        case .processor: self[.roleProcessor]
        case .thirdParty: self[.roleThirdParty]
        }
    }

    /// Why values were erased; the reason's name when it has no text.
    func erasureReason(_ reason: Erasure.Reason) -> String {
        switch reason {
        case .subjectRequest: self[.reasonSubjectRequest]
        case .retentionExpired: self[.reasonRetentionExpired]
        case .consentWithdrawn: self[.reasonConsentWithdrawn]
        default: reason.rawValue
        }
    }

    /// Why an erasure kept a value; the hold's name when it has no text.
    func hold(_ hold: LegalHold) -> String {
        switch hold {
        case .bookkeepingObligation: self[.holdBookkeeping]
        case .legalClaims: self[.holdLegalClaims]
        case .ongoingContract: self[.holdOngoingContract]
        default: hold.rawValue
        }
    }

    func request(_ kind: RequestEvent.Kind) -> String {
        switch kind {
        case .access: self[.requestAccess]
        case .erasure: self[.requestErasure]
        case .rectification: self[.requestRectification]
        case .restriction: self[.requestRestriction]
        case .objection: self[.requestObjection]
        case .portability: self[.requestPortability]
        }
    }

    /// The event that ends a retention period, in words; the event's name when it has none.
    func event(_ kind: LifecycleKind) -> String {
        let keys: [LifecycleKind: ReportLabel] = [
            .orderDelivered: .eventOrderDelivered, .caseClosed: .eventCaseClosed,
            .campaignEnded: .eventCampaignEnded, .applicationRejected: .eventApplicationRejected,
            .applicantHired: .eventApplicantHired, .employmentEnded: .eventEmploymentEnded,
        ]
        return keys[kind].map { self[$0] } ?? kind.rawValue
    }

    /// A kind of data subject in words; the kind's name when it has none.
    func subjectKind(_ kind: SubjectKind) -> String {
        let keys: [SubjectKind: ReportLabel] = [
            .customer: .subjectKindCustomer, .b2bRepresentative: .subjectKindB2BRepresentative,
            .jobApplicant: .subjectKindJobApplicant, .employee: .subjectKindEmployee, .contact: .subjectKindContact,
        ]
        return keys[kind].map { self[$0] } ?? kind.rawValue
    }

    /// A country's name with its code, `Norge (NO)`; the code alone when it has no name.
    func country(_ region: Region) -> String {
        let keys: [Region: ReportLabel] = [
            .norway: .countryNorway, .sweden: .countrySweden, .denmark: .countryDenmark, .finland: .countryFinland,
        ]
        return keys[region].map { self[$0] + " (\(region.rawValue))" } ?? region.rawValue
    }

    /// The name of a month, 1 to 12.
    func month(_ month: Int) -> String {
        let keys: [ReportLabel] = [
            .january, .february, .march, .april, .may, .june, .july, .august, .september, .october,
            .november, .december,
        ]
        return self[keys[(month - 1 + 12) % 12]]
    }

    /// One erasure in a letter: when, how many values and why; an erasure that must wait for a
    /// legal hold says so instead of "0 values erased".
    func erasure(_ at: String, reason: String, count: Int) -> String {
        if count == 0 { return self(.erasureNothingYet, at, reason) }
        return self(count == 1 ? .erasureOne : .erasureMany, at, "\(count)", reason)
    }

    /// A value an erasure kept, the legal hold that kept it and until when.
    /// A pending erasure in words: what, why it is kept, and until when (a day or an event).
    func pending(_ what: String, hold: String, until: String?, isDue: Bool) -> String {
        if isDue { return self(.pendingErasureDue, what, hold) }
        return until.map { self(.pendingErasureUntil, what, hold, $0) } ?? self(.pendingErasureOpen, what, hold)
    }

    func kept(_ what: String, hold: String, until: String?) -> String {
        until.map { self(.keptEntryUntil, what, hold, $0) } ?? self(.keptEntry, what, hold)
    }
}
