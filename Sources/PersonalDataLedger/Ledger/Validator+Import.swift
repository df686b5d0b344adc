extension Validator {
    /// Checks a fact read from an export before it is imported: every term must be in the
    /// catalog, every holding must be one its purpose may hold under a basis it allows, values
    /// must have their category's form, and references must point backwards.
    ///
    /// History is not re-judged against consent or restrictions: those were checked when the
    /// fact was first recorded, and the facts that made them true are imported in the same order.
    package func imported(_ fact: Fact, holdingCategories: [UInt64: DataCategory]) throws(LedgerError) {
        for subject in fact.body.subjects where subject != .erased {
            try self.subject(subject)
        }
        switch fact.body {
        case .holding(let holding):
            let categoryDefinition = try category(holding.category)
            let purposeDefinition = try purpose(holding.purpose)
            try system(holding.system)
            guard purposeDefinition.allowedCategories.contains(holding.category) else {
                throw LedgerError(
                    .purposeLimitation,
                    "Purpose '\(holding.purpose)' may not hold category '\(holding.category)' in this ledger's catalog (GDPR Art. 5(1)(b)). Declare it for the purpose in the catalog, or correct the export."
                )
            }
            guard purposeDefinition.allowedBases.contains(holding.basis) else {
                throw LedgerError(
                    .basisNotAllowed,
                    "Purpose '\(holding.purpose)' does not rest on basis '\(holding.basis)' in this ledger's catalog.")
            }
            if categoryDefinition.sensitivity == .specialCategory && holding.specialCategoryCondition == nil {
                throw LedgerError(
                    .specialCategory,
                    "Category '\(holding.category)' is a special category (GDPR Art. 9) and the holding names no Art. 9(2) condition."
                )
            }
            try value(holding.value, format: categoryDefinition.format, category: holding.category)
        case .consentDecision(let decision):
            _ = try purpose(decision.purpose)
        case .disclosure(let disclosure):
            for category in disclosure.categories { _ = try self.category(category) }
            try recipient(disclosure.recipient, occasion: disclosure.occasion)
        case .accessGrant(let grant):
            try recipient(grant.recipient, occasion: grant.occasion)
            try system(grant.system)
            if let until = grant.until, until < grant.from {
                throw LedgerError(.invalidRequest, "The access grant ends before it starts.")
            }
        case .rectification(let rectification):
            guard rectification.holding < fact.sequence else {
                throw LedgerError(
                    .invalidRequest,
                    "The rectification refers to fact \(rectification.holding), which does not come before it.")
            }
            if let category = holdingCategories[rectification.holding] {
                try value(rectification.value, format: try self.category(category).format, category: category)
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
            if event.reference.rawValue.isEmpty {
                throw LedgerError(.invalidRequest, "The lifecycle event names no business reference.")
            }
        case .policyVersion(let version):
            if version.version.isEmpty {
                throw LedgerError(.invalidRequest, "The policy version has no name.")
            }
        case .subjectLink, .reportIssued, .request:
            break
        }
    }

    private func value(_ value: PersonalValue?, format: ValueFormat, category: DataCategory) throws(LedgerError) {
        guard let clear = value?.revealed else { return }
        do {
            _ = try format.normalize(clear, region: region)
        } catch {
            throw LedgerError(
                .malformedValue, "The value given for category '\(category)' is not valid: \(error.message)")
        }
    }
}
