import Foundation
import PersonalDataLedger
import PersonalDataLedgerFileStore
import PersonalDataLedgerReports

/// A realistic Focus Nordic story: Kari Nordmann orders a camera, it is shipped, she files a
/// complaint, joins and leaves the newsletter; a backup provider can reach the order database;
/// Ola Nordmann applies for a job. All values are invented; the national ID number is a
/// synthetic test number (Skatteetaten's Tenor, month + 80).
enum DemoStory {
    static let customer: SubjectID = "customer:10001"
    static let applicant: SubjectID = "applicant:2001"

    /// When the story starts; the story's clock moves forward from here.
    static let start = date("2026-03-02T09:15:00Z")

    static func date(_ text: String) -> Date {
        // The literals above are valid ISO 8601; a typo is a programming error.
        try! Date(text, strategy: .iso8601)
    }

    /// Records the story through `ledger`, moving `clock` as the story's days pass.
    static func record(into ledger: Ledger, clock: StoryClock) async throws {
        try await ledger.publishPolicy(
            version: "2018-05-25", effectiveFrom: date("2018-05-25T00:00:00Z"), isMajor: true, actor: "dpo")
        try await ledger.grantAccess(
            to: "backup-provider", on: "webshop.orders", for: .backup, from: date("2024-01-01T00:00:00Z"),
            actor: "it-operations")

        clock.set(date("2026-03-02T10:04:12Z"))
        try await ledger.record(
            [
                .name("Kari Nordmann"), .billingAddress("Storgata 1, 0155 Oslo"),
                .deliveryAddress("Storgata 1, 0155 Oslo"), .phone("+47 912 34 567"),
                .email("kari.nordmann@example.no"), .ipAddress("203.0.113.42"),
            ],
            about: customer, in: "webshop.orders", for: .customerAccountAndOrders, basis: .contract,
            source: .dataSubject, reference: "order:50017", actor: "webshop")
        try await ledger.record(
            [.name("Kari Nordmann"), .billingAddress("Storgata 1, 0155 Oslo")],
            about: customer, in: "accounting", for: .legalObligations, source: .dataSubject,
            reference: "order:50017", actor: "webshop")
        try await ledger.consent(
            .given, by: customer, for: .contactRegister, policy: "2018-05-25", channel: "checkout-checkbox",
            evidence: "form:checkout-v3", actor: "webshop")
        try await ledger.record(
            [.name("Kari Nordmann"), .email("kari.nordmann@example.no")],
            about: customer, in: "marketing.contacts", for: .contactRegister, basis: .consent, actor: "webshop")

        clock.set(date("2026-03-03T14:30:00Z"))
        try await ledger.disclose(
            [.name, .deliveryAddress, .phone], of: customer, to: "carrier", for: .shipping, reference: "order:50017",
            actor: "warehouse")
        clock.set(date("2026-03-05T11:02:00Z"))
        try await ledger.recordLifecycleEvent(.orderDelivered, reference: "order:50017", actor: "warehouse")

        clock.set(date("2026-04-01T08:45:00Z"))
        try await ledger.record(
            [
                .name("Ola Nordmann"), .residentialAddress("Kirkegata 5, 7011 Trondheim"), .phone("+47 934 56 789"),
                .email("ola.nordmann@example.no"),
            ],
            about: applicant, in: "recruitment", for: .jobApplicants, basis: .contract, source: .dataSubject,
            reference: "application:2001", actor: "recruitment")

        clock.set(date("2026-04-10T12:20:00Z"))
        try await ledger.record(
            [
                .nationalIDNumber("16822548834"), .name("Kari Nordmann"), .phone("+47 912 34 567"),
                .email("kari.nordmann@example.no"),
            ],
            about: customer, in: "service.cases", for: .complaintsAndService, basis: .contract,
            source: .dataSubject, reference: "case:7001", actor: "customer-service")
        clock.set(date("2026-05-02T15:10:00Z"))
        try await ledger.recordLifecycleEvent(.caseClosed, reference: "case:7001", actor: "customer-service")

        clock.set(date("2026-05-20T19:41:00Z"))
        try await ledger.consent(
            .withdrawn, by: customer, for: .contactRegister, policy: "2018-05-25", channel: "unsubscribe-link",
            evidence: "mail:newsletter-2026-05", actor: "mailing")
        clock.set(date("2026-06-01T09:00:00Z"))
    }
}
