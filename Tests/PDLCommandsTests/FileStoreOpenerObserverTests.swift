import Foundation
import Testing

@testable import PDLCommands
@testable import PersonalDataLedger
@testable import TestSupport

/// A service that opens its file ledger by location (`LedgerStoreOpener.fileStore(observer:)`, as
/// `ServiceStoreConfiguration` does for the webshop's `--store DIR`) hears the store's durable
/// writes, as one that builds its `FileLedgerStore` itself does.
@Suite struct FileStoreOpenerObserverTests {
    @Test func aStoreOpenedByLocationReportsItsDurableWrites() async throws {
        let directory = TemporaryDirectory()
        let observer = RecordingObserver()
        let opened = try await LedgerStoreOpener.fileStore(observer: observer)
            .open(location: directory.ledger, access: .create)
        let ledger = Ledger(
            store: opened.store, actor: "webshop", identifierKey: opened.identifierKey, observer: observer)
        _ = try await ledger.record(
            [DataItem(.name, value: "Kari Nordmann")], about: "customer:10001", in: "webshop.orders",
            for: .customerAccountAndOrders, source: .dataSubject, reference: "order:50017")
        try await opened.store.close()
        let appends = observer.shapes.filter {
            if case .storeAppended = $0 { true } else { false }
        }
        #expect(appends == [.storeAppended(facts: 1, bytes: 0, syncDuration: .zero)])
    }
}
