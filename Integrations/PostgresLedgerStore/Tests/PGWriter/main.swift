import Foundation
import Logging
import PersonalDataLedger
import PostgresLedgerStore
import PostgresNIO

// A writer process for the multi-process tests: appends COUNT holdings from TASKS concurrent
// tasks into the ledger in SCHEMA, printing "ack SEQ" for every acknowledged fact.
//
//   ledger-pg-writer SCHEMA KEYFILE NAME TASKS COUNT     (server from the POSTGRES_* variables)
let arguments = CommandLine.arguments
guard arguments.count == 6, let tasks = Int(arguments[4]), let count = Int(arguments[5]) else {
    FileHandle.standardError.write(Data("usage: ledger-pg-writer SCHEMA KEYFILE NAME TASKS COUNT\n".utf8))
    exit(2)
}
let environment = ProcessInfo.processInfo.environment
let configuration = PostgresClient.Configuration(
    host: environment["POSTGRES_HOSTNAME"] ?? "127.0.0.1", port: Int(environment["POSTGRES_PORT"] ?? "") ?? 5432,
    username: environment["POSTGRES_USER"] ?? "ledger", password: environment["POSTGRES_PASSWORD"],
    database: environment["POSTGRES_DB"] ?? "postgres", tls: .disable)
let client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "writer"))
let name = arguments[3]
let output = FileHandle.standardOutput
do {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        let store = try await PostgresLedgerStore.open(
            client: client, keyEncryptionKey: try .load(from: URL(filePath: arguments[2])), schema: arguments[1])
        try await withThrowingTaskGroup(of: Void.self) { writers in
            for task in 0..<tasks {
                writers.addTask {
                    for round in 0..<count {
                        let fact = NewFact(
                            recordedAt: Date(), actor: "writer",
                            body: .holding(
                                Holding(
                                    subject: SubjectID("customer:\(name)-\(task)"), category: .email,
                                    system: "webshop.orders", purpose: .customerAccountAndOrders, basis: .contract,
                                    source: .dataSubject,
                                    reference: BusinessReference("order:\(name)-\(task)-\(round)"),
                                    value: PersonalValue("\(name)\(task)r\(round)@example.no"))))
                        let recorded = try await store.append([fact])
                        output.write(Data("ack \(recorded[0].sequence)\n".utf8))
                    }
                }
            }
            try await writers.waitForAll()
        }
        group.cancelAll()
    }
} catch {
    FileHandle.standardError.write(Data("writer \(name): \(error)\n".utf8))
    exit(1)
}
