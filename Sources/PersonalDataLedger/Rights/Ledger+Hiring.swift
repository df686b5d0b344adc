#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Ledger {
    /// Hires an applicant: records ``LifecycleKind/applicantHired`` for the application and, in
    /// the same atomic write, moves the applicant's data to the employee records — each value
    /// still held for ``Purpose/jobApplicants`` under `application` is recorded again for
    /// ``Purpose/employees`` in `system`, under the contract basis, for `employment`.
    ///
    /// The privacy policy's applicants section: "Dersom søkeren blir ansatt … vil vi flytte
    /// personopplysningene til våre databaser, der de lagres av juridisk grunnlag for
    /// opplysninger om ansatte." The applicant copies are due at once (the applicants rule ends
    /// at `applicantHired`), so the next retention sweep erases them; the employee records are
    /// kept until ``LifecycleKind/employmentEnded`` is recorded for `employment`. What legal
    /// obligations need after that (payroll, tax) is recorded for ``Purpose/legalObligations``.
    ///
    /// ```swift
    /// try await ledger.hire("applicant:77", application: "application:77", employment: "employment:2026-004")
    /// ```
    ///
    /// - Parameters:
    ///   - applicant: who is hired.
    ///   - application: the application's reference, whose data moves.
    ///   - employment: the employment's reference, which `employmentEnded` will name.
    ///   - system: where the employee records are held.
    ///   - occurredAt: when the applicant was hired; now when `nil`.
    ///   - actor: who records it.
    /// - Returns: the lifecycle event and the employee holdings, in that order.
    /// - Throws: ``LedgerError/Rule/invalidRequest`` when nothing is held for the application or
    ///   the two references are the same; the refusals of
    ///   ``record(_:about:in:for:basis:source:reference:specialCategoryCondition:region:actor:)`` for
    ///   the employee holdings (a system not in the catalog, a restriction in force).
    @discardableResult
    public func hire(
        _ applicant: SubjectID, application: BusinessReference, employment: BusinessReference,
        in system: SystemID = "personnel", occurredAt: Date? = nil, actor: ActorID? = nil
    ) async throws -> [Fact] {
        try await observingWrite(.lifecycleEvent, subjects: 1) {
            try validator.lifecycle(.applicantHired, reference: application)
            guard !employment.rawValue.isEmpty, employment != application else {
                throw LedgerError(
                    .invalidRequest,
                    "Name the employment the applicant is hired into with a reference of its own, such as 'employment:2026-004'; it is what employmentEnded will name."
                )
            }
            _ = try validator.purpose(.employees)
            try validator.pointInTime(occurredAt, argument: "occurredAt")
            let at = occurredAt ?? clock.now()
            let validator = self.validator
            return try await write(about: [applicant], by: actor) { histories in
                let history = histories[applicant]!
                let moving = history.liveHoldings(of: applicant, for: .jobApplicants).filter {
                    $0.holding.reference == application
                }
                guard !moving.isEmpty else {
                    throw LedgerError(
                        .invalidRequest,
                        "Nothing is held for job applicants under '\(application)' for this subject, so there is nothing to move to the employee records. Check the application reference."
                    )
                }
                var bodies: [Fact.Body] = [
                    .lifecycleEvent(LifecycleEvent(kind: .applicantHired, reference: application, occurredAt: at))
                ]
                for held in moving {
                    let holding = Holding(
                        subject: applicant, category: held.holding.category, system: system, purpose: .employees,
                        basis: .contract, specialCategoryCondition: held.holding.specialCategoryCondition,
                        source: held.holding.source, reference: employment,
                        value: held.isValueGone ? nil : held.currentValue)
                    bodies.append(.holding(self.withLookupToken(try validator.holding(holding, history: history))))
                }
                return bodies
            }
        }
    }
}
