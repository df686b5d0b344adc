import Foundation
import PersonalDataLedger
import Testing

// The code of the DocC article "Defining your own catalog"
// (Sources/PersonalDataLedger/PersonalDataLedger.docc/DefiningYourOwnCatalog.md), as written, so
// the article cannot drift from the API.

extension SystemID {
    static let crm: Self = "crm"
}

extension Purpose {
    static let loyaltyProgramme: Self = "loyaltyProgramme"
}

extension LifecycleKind {
    static let membershipEnded: Self = "membershipEnded"
}

/// Focus Nordic's catalog, with the webshop's customer register and its loyalty programme.
func webshopCatalog() -> Catalog {
    var catalog = Catalog.focusNordic
    catalog.add(
        SystemDefinition(
            .crm,
            label: [
                .english: "Customer relationship management", .norwegianBokmal: "Kunderegister",
                .swedish: "Kundregister", .danish: "Kunderegister", .finnish: "Asiakasrekisteri",
            ]))
    catalog.add(
        PurposeDefinition(
            .loyaltyProgramme,
            label: [
                .english: "Loyalty programme", .norwegianBokmal: "Fordelsprogram", .swedish: "Förmånsprogram",
                .danish: "Fordelsprogram", .finnish: "Kanta-asiakasohjelma",
            ],
            allowedCategories: [.name, .email], defaultBasis: .contract, subjectKinds: [.customer],
            retention: RetentionRule(
                summary: [
                    .english: "Kept until the membership ends.",
                    .norwegianBokmal: "Lagres til medlemskapet avsluttes.",
                ],
                clocks: [.init(startsAt: .event(.membershipEnded), keepFor: .immediately)])))
    catalog.lifecycleLabels = [
        .membershipEnded: [
            .english: "the membership ends", .norwegianBokmal: "medlemskapet avsluttes",
            .swedish: "medlemskapet upphör", .danish: "medlemskabet ophører", .finnish: "jäsenyys päättyy",
        ]
    ]
    return catalog
}

@Suite struct DefiningYourOwnCatalog {
    @Test func extendingStoringAndRecording() async throws {
        let store = InMemoryLedgerStore()

        let ledger = Ledger(store: store, catalog: webshopCatalog(), region: .norway, actor: "webshop")
        try await ledger.storeCatalog()
        try await ledger.record(
            [.email("kari.nordmann@example.no")], about: "customer:10001", in: .crm, for: .loyaltyProgramme,
            reference: "membership:77")

        let dpo = Ledger(store: store, catalog: try await Ledger.catalog(keptIn: store), region: .norway)
        let report = try await dpo.issueReport(for: "customer:10001", requestedBy: "dpo")
        #expect(report.heldData.first?.purposeLabel.text(in: .swedish) == "Förmånsprogram")
    }

    @Test func readingAndWritingTheJSONForm() throws {
        let data = try webshopCatalog().jsonData()
        let catalog = try Catalog(jsonData: data)
        #expect(catalog == webshopCatalog())

        do {
            _ = try Catalog(jsonData: Data(#"{"schema": "pdl.catalog", "schemaVersion": 1, "controler": {}}"#.utf8))
        } catch {
            print(error)  // 1:47: refused (unknownKey) at controler: 'controler' is not a key of this object. …
            #expect(error.rule == .unknownKey && error.line == 1 && error.column == 47)
        }
    }

    @Test func aCatalogThatDropsWhatTheLedgerUsedIsRefused() async throws {
        let store = InMemoryLedgerStore()
        let ledger = Ledger(store: store, catalog: webshopCatalog(), region: .norway, actor: "webshop")
        try await ledger.storeCatalog()
        try await ledger.record(
            [.email("kari.nordmann@example.no")], about: "customer:10001", in: .crm, for: .loyaltyProgramme,
            reference: "membership:77")

        let older = Ledger(store: store, catalog: .focusNordic, region: .norway, actor: "b2b-portal")
        do {
            try await older.storeCatalog()
            Issue.record("a catalog without the crm system and the loyalty programme was kept")
        } catch let error as LedgerError {
            #expect(error.rule == .unknownPurpose)
            #expect(error.message.hasPrefix("1 recorded fact(s) would not be valid under this catalog."))
            #expect(error.message.contains("fact 1 (unknownPurpose): Purpose 'loyaltyProgramme'"))
            #expect(!error.message.contains("kari"))
        }
        #expect(try await store.loadCatalog() == webshopCatalog())
    }
}
