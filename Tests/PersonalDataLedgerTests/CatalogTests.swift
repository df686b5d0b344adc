import Foundation
import Testing

@testable import LedgerCrypto
@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import PersonalDataLedgerReports
@testable import PersonalDataLedgerTesting
@testable import TestSupport

/// `Catalog.focusNordic` against the privacy policy's table (DESIGN.md §2).
@Suite struct CatalogTests {
    let catalog = Catalog.focusNordic

    @Test(arguments: [
        (
            Purpose.customerAccountAndOrders,
            [DataCategory.name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress], LegalBasis.contract
        ),
        (
            .complaintsAndService,
            [.nationalIDNumber, .name, .billingAddress, .deliveryAddress, .phone, .email, .ipAddress], .contract
        ),
        (
            .campaignsAndCompetitions,
            [.nationalIDNumber, .name, .billingAddress, .deliveryAddress, .phone, .email, .bankAccount], .consent
        ),
        (.jobApplicants, [.nationalIDNumber, .name, .residentialAddress, .phone, .email], .contract),
        (.employees, [.nationalIDNumber, .name, .residentialAddress, .phone, .email], .contract),
        (.contactRegister, [.name, .deliveryAddress, .phone, .email], .consent),
        (
            .legalObligations, [.nationalIDNumber, .name, .billingAddress, .deliveryAddress, .phone, .email],
            .legalObligation
        ),
    ])
    func purposeHoldsExactlyWhatThePolicyLists(purpose: Purpose, categories: [DataCategory], basis: LegalBasis) throws {
        let definition = try #require(catalog.purposes[purpose])
        #expect(definition.allowedCategories == Set(categories))
        #expect(definition.defaultBasis == basis)
        #expect(definition.policySection != nil)
        #expect(!definition.retention.clocks.isEmpty)
    }

    /// The policy's six processing activities, and the employee records hired applicants move to.
    @Test func thereAreExactlySevenPurposesAndSevenOccasions() {
        #expect(catalog.purposes.count == 7)
        #expect(catalog.occasions == Set(AccessOccasion.focusNordicPolicy))
        #expect(AccessOccasion.focusNordicPolicy.count == 7)
        #expect(catalog.controller.privacyContact == "GDPR@focusnordic.com")
    }

    @Test func applicantsMayAlsoRestOnConsent() throws {
        #expect(try #require(catalog.purposes[.jobApplicants]).allowedBases == [.contract, .consent])
    }

    @Test func contactRegisterIsDirectMarketingAndEndsAtWithdrawal() throws {
        let register = try #require(catalog.purposes[.contactRegister])
        #expect(register.isDirectMarketing)
        #expect(register.retention.clocks == [.init(startsAt: .consentWithdrawn, keepFor: .immediately)])
    }

    @Test func complaintDataOutlivesTheCaseOnlyWithConsent() throws {
        let complaints = try #require(catalog.purposes[.complaintsAndService])
        #expect(complaints.retention.clocks.contains(.init(startsAt: .event(.caseClosed), keepFor: .immediately)))
        #expect(
            complaints.retention.clocks.contains {
                $0.onlyWithConsentTo == .complaintsAndService && $0.keepFor == .consumerComplaint
            })
    }

    @Test func nationalIDAndBankAccountAreHighSensitivity() {
        for category in catalog.categories.values {
            let expected: Sensitivity = [.nationalIDNumber, .bankAccount].contains(category.id) ? .high : .normal
            #expect(category.sensitivity == expected, "\(category.id)")
        }
    }

    @Test func everyRecipientsOccasionsComeFromThePolicy() {
        for recipient in catalog.recipients.values {
            #expect(recipient.occasions.isSubset(of: catalog.occasions), "\(recipient.id)")
        }
        #expect(catalog.recipients["carrier"]?.occasions == [.shipping])
        #expect(catalog.recipients["backup-provider"]?.occasions == [.backup])
    }

    /// Every DPV IRI the catalog names must be a term of DPV v2.3: an IRI not in the list is a typo.
    @Test func everyDPVIRIIsARealTerm() throws {
        let tsv = try #require(Bundle.module.url(forResource: "dpv-2.3-terms", withExtension: "tsv"))
        let terms = Set(
            try String(contentsOf: tsv, encoding: .utf8).split(separator: "\n").compactMap {
                $0.split(separator: "\t").first.map(String.init)
            })
        var iris = catalog.categories.values.compactMap(\.mapping.dpvIRI)
        iris += catalog.purposes.values.compactMap(\.mapping.dpvIRI)
        iris += LegalBasis.gdprArticle6.compactMap { $0.mapping?.dpvIRI }
        iris += SpecialCategoryCondition.gdprArticle9.compactMap(\.dpvIRI)
        iris += ConsentDecision.Decision.allCases.map(\.dpvIRI)
        iris += catalog.recipients.values.map(\.dpvIRI)
        #expect(iris.count > 30)
        for iri in iris { #expect(terms.contains(iri), "\(iri) is not a DPV v2.3 term") }
    }

    @Test func everyBuiltInCarriesAFideslangKey() {
        for category in catalog.categories.values { #expect(category.mapping.fideslangKey != nil, "\(category.id)") }
        for purpose in catalog.purposes.values { #expect(purpose.mapping.fideslangKey != nil, "\(purpose.id)") }
        for basis in LegalBasis.gdprArticle6 { #expect(basis.mapping?.fideslangKey != nil, "\(basis)") }
    }

    @Test func catalogRoundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(catalog)
        #expect(try JSONDecoder().decode(Catalog.self, from: data) == catalog)
    }
}
