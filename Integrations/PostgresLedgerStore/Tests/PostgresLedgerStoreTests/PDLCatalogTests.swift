import Foundation
import PersonalDataLedger
import Testing

// `pdl-postgres catalog`: the catalog kept in the schema's meta table, used by every command.
extension PostgresLedgerStoreTests {
    @Test(.timeLimit(.minutes(2)))
    func pdlCatalogIsKeptInTheDatabaseAndUsedByEveryCommand() async throws {
        let (pdl, environment) = try await TestServer.initialisedPDL(schema: "catalog")

        var catalog = Catalog.focusNordic
        catalog.add(
            SystemDefinition(
                "crm", label: [.english: "Customer relationship management", .norwegianBokmal: "Kunderegister"]))
        let file = FileManager.default.temporaryDirectory.appending(path: "pg-catalog-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try catalog.jsonData().write(to: file)
        let set = try await ChildProcess.run(pdl, ["catalog", "set", file.path], environment: environment)
        #expect(set.status == 0 && set.stdout.contains("added systems: crm"), "\(set.stdout)\(set.stderr)")
        let shown = try await ChildProcess.run(pdl, ["catalog", "show", "--format", "json"], environment: environment)
        #expect(shown.stdout == String(decoding: try catalog.jsonData(), as: UTF8.self) + "\n", "\(shown.stdout)")

        let recorded = try await ChildProcess.run(
            pdl,
            [
                "record", "customer:30001", "--category", "email", "--system", "crm", "--purpose",
                "customerAccountAndOrders", "--value", "kari.nordmann@example.no",
            ], environment: environment)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let letter = try await ChildProcess.run(
            pdl, ["report", "customer:30001", "--format", "html", "--language", "nb"], environment: environment)
        #expect(letter.stdout.contains("Kunderegister"), "\(letter.stdout)")

        // Focus Nordic's own catalog no longer declares crm: refused, and the kept one stays.
        try Catalog.focusNordic.jsonData().write(to: file)
        let narrower = try await ChildProcess.run(pdl, ["catalog", "set", file.path], environment: environment)
        #expect(narrower.status == 1 && narrower.stderr.contains("refused (unknownSystem)"), "\(narrower.stderr)")
        let kept = try await ChildProcess.run(pdl, ["catalog", "show", "--format", "json"], environment: environment)
        #expect(kept.stdout == shown.stdout)
    }
}
