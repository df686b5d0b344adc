import Foundation
import PersonalDataLedger
import PersonalDataLedgerReports
import PersonalDataLedgerFileStore

// Registers Nordlys Foto AS's two contact people, links the one who also shops in the webshop,
// and prints the access report she asked for.
//
//   swift run --package-path Examples/B2BPortal B2BPortal                 # a throwaway in-memory ledger
//   swift run --package-path Examples/B2BPortal B2BPortal --store DIR     # a ledger directory
//   … --language nb                                                        # the report in Norwegian

let usage = "Usage: B2BPortal [--store DIR] [--language en|nb]"

func usageError(_ message: String) -> Never {
    FileHandle.standardError.write(Data("B2BPortal: \(message)\n\(usage)\n".utf8))
    exit(2)
}

var storePath: String?
var language = Language.english
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--store":
        guard let path = arguments.popFirst() else { usageError("--store needs a directory.") }
        storePath = path
    case "--language":
        guard let code = arguments.popFirst(), let chosen = Language(rawValue: code) else {
            usageError("--language takes en or nb.")
        }
        language = chosen
    case "--help", "-h":
        print(usage)
        exit(0)
    default: usageError("unknown argument '\(argument)'.")
    }
}

let store: any LedgerStore =
    try storePath.map { try FileLedgerStore(directory: URL(filePath: $0)) } ?? InMemoryLedgerStore()
// The same key `pdl find` uses, so the DPO can find a representative by email.
let identifierKey = try storePath.map {
    try IdentifierKey.loadOrCreate(at: URL(filePath: $0).appending(path: IdentifierKey.fileName))
}
let ledger = Ledger(
    store: store, catalog: .focusNordic, region: .norway, actor: "b2b-portal",
    identifierKey: identifierKey ?? .random())
let portal = Portal(ledger: ledger)

do {
    try await Story.webshopOrder(in: ledger)
    for representative in Story.representatives { try await portal.register(representative) }
    try await portal.link(Story.kari.id, toWebshopCustomer: Story.webshopCustomer)
    print(try await portal.answerAccessRequest(from: Story.kari.id, in: language))
} catch let error as LedgerError {
    FileHandle.standardError.write(Data("B2BPortal: \(error)\n".utf8))
    exit(1)
}
try await store.close()
