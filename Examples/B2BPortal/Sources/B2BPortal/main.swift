import Foundation
import PersonalDataLedger
import PersonalDataLedgerReports

// Without --serve: registers Nordlys Foto AS's two contact people, links the one who also shops
// in the webshop, and prints the access report she asked for. With --serve: the portal as a
// running service, one JSON request per line on standard input (see PortalService).
//
//   swift run --package-path Examples/B2BPortal B2BPortal                 # a throwaway in-memory ledger
//   swift run --package-path Examples/B2BPortal B2BPortal --store DIR     # a ledger directory
//   … --store postgres://ledger@db:5432/company --key-file ledger.key     # the company's ledger
//   … --language nb                                                        # the report in Norwegian

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("B2BPortal: \(message)\n".utf8))
    exit(status)
}

let options: PortalOptions
do {
    options = try PortalOptions(
        Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
} catch let error as PortalOptions.UsageError {
    fail("\(error.message)\n\(PortalOptions.usage)", status: 2)
}
if options.showHelp {
    print(PortalOptions.usage)
    exit(0)
}

let store: any LedgerStore
let identifierKey: IdentifierKey
do {
    if options.storeConfiguration.location == nil {
        store = InMemoryLedgerStore()
        identifierKey = .random()
    } else {
        // The same identifier key `pdl find` uses, so the DPO can find a representative by email.
        let opened = try await options.storeConfiguration.open(defaultLocation: "")
        store = opened.store
        identifierKey = opened.identifierKey
    }
} catch let error as LedgerStoreError {
    fail("store error (\(error.code)): \(error.message)", status: 3)
}
let ledger = Ledger(
    store: store, catalog: .focusNordic, region: .norway, actor: "b2b-portal", identifierKey: identifierKey)
let portal = Portal(ledger: ledger)

if options.serves {
    let service = PortalService(portal: portal, language: options.language)
    for input in InputLines() {
        guard case .line(let line) = input else {
            FileHandle.standardOutput.write(Data((service.refuseTooLongLine() + "\n").utf8))
            continue
        }
        // Blank lines (and a lone carriage return) are no request.
        guard !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") })
        else {
            continue
        }
        // Unbuffered: the front end reads each answer as soon as it is written.
        FileHandle.standardOutput.write(Data((await service.answer(line) + "\n").utf8))
    }
} else {
    do {
        try await Story.webshopOrder(in: ledger)
        for representative in Story.representatives { try await portal.register(representative) }
        try await portal.link(Story.kari.id, toWebshopCustomer: Story.webshopCustomer)
        print(try await portal.answerAccessRequest(from: Story.kari.id, in: options.language))
    } catch let error as LedgerError {
        fail("\(error)", status: 1)
    } catch let error as LedgerStoreError {
        fail("store error (\(error.code)): \(error.message)", status: 3)
    }
}
try await store.close()
