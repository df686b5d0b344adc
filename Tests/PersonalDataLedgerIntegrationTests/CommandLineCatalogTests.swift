import Foundation
import Testing

@testable import PersonalDataLedger
@testable import TestSupport

/// A company's own catalog from `pdl`: kept with the ledger by `pdl init --catalog`, used by
/// every command — import validates against it, letters show its labels — and checked by
/// `pdl catalog check` with the line and column of a fault. A refused catalog changes nothing.
@Suite struct CommandLineCatalogTests {
    /// Focus Nordic's catalog with the webshop's own system `crm` and a loyalty programme.
    static var webshop: Catalog {
        var catalog = Catalog.focusNordic
        catalog.add(
            SystemDefinition(
                "crm",
                label: [
                    .english: "Customer relationship management", .norwegianBokmal: "Kunderegister",
                    .swedish: "Kundregister", .danish: "Kunderegister", .finnish: "Asiakasrekisteri",
                ]))
        catalog.add(
            PurposeDefinition(
                "loyaltyProgramme",
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
                    clocks: [.init(startsAt: .event("membershipEnded"), keepFor: .immediately)])))
        catalog.lifecycleLabels = [
            "membershipEnded": [.english: "the membership ends", .norwegianBokmal: "medlemskapet avsluttes"]
        ]
        return catalog
    }

    /// A ledger `store` under the webshop catalog (written to `catalog.json`) holding Kari's membership.
    static func webshopLedger(_ pdl: PDLRunner, store: String) throws {
        try Self.webshop.jsonData().write(to: URL(filePath: pdl.path("catalog.json")))
        let created = try pdl.run("init", "--store", store, "--catalog", "catalog.json")
        #expect(created.status == 0 && created.stdout.contains("recorded under the catalog catalog.json"), "\(created)")
        let recorded = try pdl.run(
            "record", "customer:10001", "--store", store, "--system", "crm", "--purpose", "loyaltyProgramme",
            "--category", "name,email", "--value", "Kari Nordmann", "--value", "kari.nordmann@example.no",
            "--reference", "membership:77")
        #expect(recorded.status == 0, "\(recorded)")
    }

    @Test func aLedgerUnderItsOwnCatalogRoundTripsThroughExportAndImport() throws {
        let pdl = PDLRunner()
        try Self.webshopLedger(pdl, store: "old")
        let before = try pdl.head(store: "old")
        #expect(try pdl.run("export", "--store", "old", "--output", "facts.jsonl").status == 0)

        try PDLRunner.copyIdentifierKey(pdl, from: "old", to: "new")
        #expect(try pdl.run("init", "--store", "new", "--catalog", "catalog.json").status == 0)
        let imported = try pdl.run("import", "facts.jsonl", "--store", "new")
        #expect(imported.status == 0, "\(imported)")
        #expect(try pdl.head(store: "new") == before)
        let shown = try pdl.run("catalog", "show", "--store", "new", "--format", "json")
        #expect(shown.stdout == String(decoding: try Self.webshop.jsonData(), as: UTF8.self) + "\n", "\(shown)")

        // A ledger read with Focus Nordic's catalog refuses the same export, and holds nothing.
        try PDLRunner.copyIdentifierKey(pdl, from: "old", to: "plain")
        #expect(try pdl.run("init", "--store", "plain").status == 0)
        let refused = try pdl.run("import", "facts.jsonl", "--store", "plain")
        #expect(refused.status == 1 && refused.stderr.contains("refused (unknown"), "\(refused)")
        #expect(try pdl.head(store: "plain").count == 0)
    }

    @Test(arguments: [
        // A retention summary without Swedish or Finnish falls back to English.
        ("nb", ["Kunderegister", "Fordelsprogram", "Lagres til medlemskapet avsluttes.", "medlemskapet avsluttes"]),
        ("sv", ["Kundregister", "Förmånsprogram", "Kept until the membership ends.", "the membership ends"]),
        ("fi", ["Asiakasrekisteri", "Kanta-asiakasohjelma", "Kept until the membership ends.", "the membership ends"]),
    ])
    func theLetterShowsTheCatalogsLabelsInItsLanguage(language: String, labels: [String]) throws {
        let pdl = PDLRunner()
        try Self.webshopLedger(pdl, store: "ledger")
        let letter = try pdl.run("report", "customer:10001", "--format", "html", "--language", language)
        #expect(letter.status == 0, "\(letter)")
        for label in labels { #expect(letter.stdout.contains(label), "\(label) in \(letter)") }
        for name in ["crm", "loyaltyProgramme", "membershipEnded"] {
            #expect(!letter.stdout.contains(name), "\(letter)")
        }
    }

    /// Each case replaces, in the webshop catalog's JSON, the text `"en" : "Customer relationship
    /// management"` (the English label of `crm`) with a fault whose key or value starts `offset`
    /// characters after it; the expected line and column are found by searching the text.
    @Test(arguments: [
        ("\"en\" : \"CRM\", \"en\" : \"CRM\"", 14, "duplicateKey", ""),
        ("\"en\" : \"\"", 7, "emptyLabel", " at systems.crm.label.en"),
        ("\"en\" : [ \"CRM\" ]", 7, "wrongType", " at systems.crm.label.en"),
        ("\"english\" : \"CRM\"", 0, "invalidValue", " at systems.crm.label.english"),
        // The label's next key follows on the same line, so the second comma is the fault.
        ("\"en\" : \"CRM\",", 13, "syntax", ""),
    ])
    func catalogCheckNamesTheLineAndColumn(fault: String, offset: Int, rule: String, path: String) throws {
        let pdl = PDLRunner()
        let original = String(decoding: try Self.webshop.jsonData(), as: UTF8.self)
        let marker = "\"en\" : \"Customer relationship management\""
        let before = try #require(original.range(of: marker)).lowerBound
        let line = original[..<before].filter { $0 == "\n" }.count + 1
        let lineStart = original[..<before].lastIndex(of: "\n").map { original.index(after: $0) } ?? original.startIndex
        let column = original[lineStart..<before].unicodeScalars.count + 1 + offset
        let text = original.replacingOccurrences(of: marker, with: fault)
        FileManager.default.createFile(atPath: pdl.path("bad.json"), contents: Data(text.utf8))
        let checked = try pdl.run("catalog", "check", "bad.json")
        #expect(checked.status == 1, "\(checked)")
        #expect(checked.stderr.hasPrefix("pdl: bad.json:\(line):\(column): refused (\(rule))\(path)"), "\(checked)")
        #expect(checked.stdout.isEmpty)
    }

    @Test func badCatalogsChangeNothing() throws {
        let pdl = PDLRunner()
        try Self.webshopLedger(pdl, store: "ledger")
        let kept = try #require(FileManager.default.contents(atPath: pdl.ledger + "/catalog.json"))
        let head = try pdl.head()

        // Focus Nordic's own catalog drops the system and purpose Kari's membership is recorded under.
        try Catalog.focusNordic.jsonData().write(to: URL(filePath: pdl.path("focus.json")))
        let narrower = try pdl.run("catalog", "set", "focus.json")
        #expect(narrower.status == 1, "\(narrower)")
        #expect(narrower.stderr.contains("2 recorded fact(s) would not be valid under this catalog"), "\(narrower)")
        #expect(narrower.stderr.contains("nothing changed") && !narrower.stderr.contains("Kari"), "\(narrower)")

        var notUTF8 = Array(try Self.webshop.jsonData())
        notUTF8[notUTF8.firstRange(of: Array("Kunderegister".utf8))!.lowerBound] = 0xFF
        FileManager.default.createFile(atPath: pdl.path("latin1.json"), contents: Data(notUTF8))
        let garbled = try pdl.run("catalog", "set", "latin1.json")
        #expect(garbled.status == 1 && garbled.stderr.contains("refused (invalidUTF8)"), "\(garbled)")

        let missing = try pdl.run("init", "--store", "fresh", "--catalog", "latin1.json")
        #expect(missing.status == 1, "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: pdl.path("fresh")))

        #expect(FileManager.default.contents(atPath: pdl.ledger + "/catalog.json") == kept)
        #expect(try pdl.head() == head)
        let wider = try pdl.run("catalog", "set", "catalog.json")
        #expect(wider.status == 0 && wider.stdout.contains("no change from the catalog the ledger had"), "\(wider)")
    }

    @Test func catalogShowPrintsAFilesCatalogWithItsLabels() throws {
        let pdl = PDLRunner()
        try Self.webshop.jsonData().write(to: URL(filePath: pdl.path("catalog.json")))
        let shown = try pdl.run("catalog", "show", "catalog.json", "--language", "sv")
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains("  crm — Kundregister"), "\(shown)")
        #expect(shown.stdout.contains("  loyaltyProgramme — Förmånsprogram"), "\(shown)")
        let checked = try pdl.run("catalog", "check", "catalog.json")
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stdout.contains("note: the retention summary of loyaltyProgramme has no da, fi, sv label"))
    }

    @Test func catalogCheckAndSetPrintJSON() throws {
        let pdl = PDLRunner()
        try Self.webshopLedger(pdl, store: "ledger")
        let checked = try pdl.run("catalog", "check", "catalog.json", "--format", "json")
        let check = try #require(
            try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any], "\(checked)")
        #expect(check["schema"] as? String == "pdl.catalog-check")
        #expect(check["systems"] as? Int == Self.webshop.systems.count)
        #expect((check["notes"] as? [String])?.contains { $0.contains("loyaltyProgramme") } == true)
        let kept = try pdl.run("catalog", "set", "catalog.json", "--format", "json")
        let set = try #require(
            try JSONSerialization.jsonObject(with: Data(kept.stdout.utf8)) as? [String: Any], "\(kept)")
        #expect(set["schema"] as? String == "pdl.catalog-set")
        #expect(set["changes"] as? [String] == ["no change from the catalog the ledger had"])
    }
}
