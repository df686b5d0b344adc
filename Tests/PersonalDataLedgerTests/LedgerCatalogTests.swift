import Foundation
import Testing

@testable import PersonalDataLedger
@testable import TestSupport

/// Keeping a catalog with the ledger: what `storeCatalog` and `checkRecordedFacts` accept and
/// refuse, each refusal changing nothing.
@Suite struct LedgerCatalogTests {
    /// Focus Nordic's catalog changed by `change`.
    static func catalog(_ change: @Sendable (inout Catalog) -> Void) -> Catalog {
        var catalog = Catalog.focusNordic
        change(&catalog)
        return catalog
    }

    struct Narrowing: Sendable, CustomTestStringConvertible {
        let name: String
        let rule: LedgerError.Rule
        let catalog: Catalog
        var testDescription: String { name }
    }

    static let narrowings: [Narrowing] = [
        Narrowing(
            name: "a system dropped", rule: .unknownSystem, catalog: catalog { $0.systems["webshop.orders"] = nil }),
        Narrowing(
            name: "a recipient dropped", rule: .unknownRecipient, catalog: catalog { $0.recipients["carrier"] = nil }),
        Narrowing(
            name: "a purpose no longer allowing a category it held", rule: .purposeLimitation,
            catalog: catalog { $0.purposes[.customerAccountAndOrders]?.allowedCategories.remove(.ipAddress) }),
        Narrowing(
            name: "a basis no longer allowed", rule: .basisNotAllowed,
            catalog: catalog {
                $0.purposes[.customerAccountAndOrders]?.allowedBases = [.legitimateInterests]
                $0.purposes[.customerAccountAndOrders]?.defaultBasis = .legitimateInterests
            }),
    ]

    @Test(arguments: narrowings)
    func aCatalogThatWouldMakeRecordedFactsInvalidIsRefused(_ narrowing: Narrowing) async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        try await test.ledger.disclose(
            [.name, .deliveryAddress], of: TestLedger.kari, to: "carrier", for: .shipping, reference: "order:50017")
        let head = try await test.store.integrityHead()
        let narrowed = Ledger(store: test.store, catalog: narrowing.catalog, region: .norway)
        await #expect {
            try await narrowed.storeCatalog()
        } throws: { error in
            (error as? LedgerError)?.rule == narrowing.rule
        }
        #expect(try await test.store.loadCatalog() == nil)
        #expect(try await test.store.integrityHead() == head)
    }

    @Test func aWiderCatalogIsKeptAndAnEqualOneWritesNothing() async throws {
        let test = try await TestLedger.make()
        try await test.recordKarisOrder()
        let wider = Self.catalog { $0.add(SystemDefinition("crm", label: [.english: "CRM"])) }
        try await Ledger(store: test.store, catalog: wider, region: .norway).storeCatalog()
        #expect(try await test.store.loadCatalog() == wider)
        #expect(try await Ledger.catalog(keptIn: test.store) == wider)
        try await Ledger(store: test.store, catalog: wider, region: .norway).storeCatalog()
        #expect(try await test.store.loadCatalog() == wider)
    }

    @Test func aStoreWithoutACatalogIsReadWithFocusNordics() async throws {
        #expect(try await Ledger.catalog(keptIn: InMemoryLedgerStore()) == .focusNordic)
    }

    @Test func anInvalidCatalogIsRefusedBeforeAnyFactIsRead() async throws {
        let test = try await TestLedger.make()
        let invalid = Self.catalog { $0.recipients["carrier"]?.occasions.insert("teleportation") }
        await #expect(throws: CatalogError.self) {
            try await Ledger(store: test.store, catalog: invalid, region: .norway).storeCatalog()
        }
        #expect(try await test.store.loadCatalog() == nil)
    }
}
