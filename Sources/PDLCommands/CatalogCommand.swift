import Foundation
import PersonalDataLedger

/// `pdl catalog`: the catalog a ledger is recorded under — show it, check a catalog file, keep
/// one in the ledger.
enum CatalogCommand: Command {
    static let declaration = CommandDeclaration(
        name: "catalog",
        abstract: "Show the ledger's catalog, check a catalog file, or keep one in the ledger.",
        discussion: """
            The catalog is what a ledger may record: categories, purposes with what each may
            hold and for how long, systems, recipients and occasions, with their labels in each
            language. It is kept with the ledger (the file store's catalog.json), and every pdl
            command validates, imports and labels with it; a ledger without one is read with
            Focus Nordic's catalog. Its JSON form, schema pdl.catalog version 1, is described
            in Documentation/Catalog.md; start from 'pdl catalog show --format json'.

            show prints the ledger's catalog, or FILE's. check reads FILE and reports the first
            rule it breaks at its line and column (FILE:LINE:COLUMN), then notes labels a
            letter language lacks (letters then use the English label, else the first
            language's). set checks FILE, then checks every fact the ledger holds against it,
            and keeps it: a catalog that would make recorded facts invalid — one that drops a
            category, purpose, system or recipient the ledger uses, or no longer allows what a
            purpose held — is refused, and nothing changes.
            """,
        subcommands: [
            SubcommandDeclaration(
                "show", abstract: "Print the ledger's catalog, or FILE's.",
                arguments: [
                    ArgumentDeclaration(
                        "FILE",
                        help: "A catalog file (JSON, schema pdl.catalog); show prints it instead of the ledger's.",
                        isOptional: true)
                ],
                options: ["format", "language"]),
            SubcommandDeclaration(
                "check", abstract: "Validate a catalog file; errors name the line and column.",
                arguments: [catalogFile], options: ["format"]),
            SubcommandDeclaration(
                "set", abstract: "Keep FILE as the ledger's catalog, if every recorded fact is valid under it.",
                arguments: [catalogFile], options: ["format"]),
        ],
        defaultSubcommand: "show",
        options: [
            .store,
            .format(
                ["text", "json"],
                help:
                    "text, or json: show prints the catalog file's schema (pdl.catalog), check and set "
                    + "pdl.catalog-check and pdl.catalog-set (Documentation/CommandOutput.md)."),
            .language("The language of the labels text shows: \(ReportOutput.languageList)."),
        ],
        examples: [
            "pdl catalog show --format json > catalog.json",
            "pdl catalog check catalog.json",
            "pdl catalog set catalog.json",
            "pdl init --store /var/lib/webshop/ledger --catalog catalog.json",
        ],
        exitStatus: """
            Exit status: 0 done, 1 the catalog is refused (not valid, or in conflict with
            recorded facts; nothing changed), 2 usage (FILE cannot be read), 3 store error.
            """
    )

    static let catalogFile = ArgumentDeclaration(
        "FILE", help: "A catalog file (JSON, schema pdl.catalog); show prints it instead of the ledger's.")

    /// The largest catalog file read: a catalog is a few hundred kilobytes at most.
    static let maximumFileSize = 8 << 20

    static func run(_ parsed: ParsedArguments, in context: CommandContext) async throws {
        switch parsed.subcommand {
        case "check":
            let path = parsed.positionals[0]
            let json = try wantsJSON(parsed)
            let catalog = try read(path)
            if json {
                return try CommandOutput(
                    "pdl.catalog-check", CatalogSummary(catalog, notes: missingTranslations(catalog))
                ).print()
            }
            print("\(path): a valid catalog (pdl.catalog version \(Catalog.currentSchemaVersion)): \(counts(catalog)).")
            for note in missingTranslations(catalog) { print("note: \(note)") }
        case "set":
            let path = parsed.positionals[0]
            let json = try wantsJSON(parsed)
            let catalog = try read(path)
            let ledger = try await context.openLedger(parsed, actor: "pdl", catalog: catalog)
            guard ledger.store is any LedgerCatalogStore else {
                throw UsageError("This ledger's store keeps no catalog; pdl reads it with Focus Nordic's.")
            }
            // A damaged catalog file is what set replaces, so it does not stop set.
            let before = (try? await Ledger.catalog(keptIn: ledger.store)) ?? .focusNordic
            do {
                try await ledger.storeCatalog()
            } catch let error as LedgerError {
                throw LedgerError(error.rule, "\(path) was not kept; nothing changed. \(error.message)")
            }
            if json {
                return try CommandOutput(
                    "pdl.catalog-set", CatalogSummary(catalog, changes: changes(from: before, to: catalog))
                ).print()
            }
            print("Kept \(path) as the ledger's catalog: \(counts(catalog)).")
            for line in changes(from: before, to: catalog) { print("  \(line)") }
        default:
            let json = try parsed.choice("format", in: ["text", "json"], default: "text") == "json"
            let language = try reportLanguage(parsed)
            let catalog: Catalog
            let heading: String
            if let path = parsed.positionals.first {
                catalog = try read(path)
                heading = "Catalog in \(path)"
            } else {
                let (store, _) = try await context.openStore(parsed, readOnly: true)
                let saved = try await (store as? any LedgerCatalogStore)?.loadCatalog()
                catalog = saved ?? .focusNordic
                heading =
                    saved == nil
                    ? "No catalog is kept in the ledger; it is read with Focus Nordic's" : "Catalog kept in the ledger"
            }
            if json {
                FileHandle.standardOutput.write(try catalog.jsonData())
                print()
            } else {
                print(text(catalog, heading: heading, in: language), terminator: "")
            }
        }
    }

    /// Reads and validates the catalog file at `path`; a refusal names the file, line and column.
    static func read(_ path: String) throws -> Catalog {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw UsageError("Cannot read \(path): check that the file exists and is readable.")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw UsageError("Cannot read \(path): check that it is a readable file, not a directory.")
        }
        guard data.count <= maximumFileSize else {
            throw UsageError("\(path) is larger than \(maximumFileSize >> 20) MiB; a catalog is much smaller.")
        }
        do {
            return try Catalog(jsonData: data)
        } catch {
            throw CatalogFileRefusal(file: path, error: error)
        }
    }

    static func counts(_ catalog: Catalog) -> String {
        "\(catalog.categories.count) categories, \(catalog.purposes.count) purposes, \(catalog.systems.count) systems, "
            + "\(catalog.recipients.count) recipients, \(catalog.occasions.count) occasions"
    }

    /// The labels that lack a letter language, one note per language set: letters in those
    /// languages show the fallback (``LocalizedText/text(in:)``).
    static func missingTranslations(_ catalog: Catalog) -> [String] {
        var labels: [(String, LocalizedText)] = []
        labels += catalog.categories.values.sorted { $0.id < $1.id }.map { ("category \($0.id)", $0.label) }
        labels += catalog.purposes.values.sorted { $0.id < $1.id }.flatMap {
            [("purpose \($0.id)", $0.label), ("the retention summary of \($0.id)", $0.retention.summary)]
        }
        labels += catalog.systems.values.sorted { $0.id < $1.id }.map { ("system \($0.id)", $0.label) }
        labels += catalog.recipients.values.sorted { $0.id < $1.id }.map { ("recipient \($0.id)", $0.label) }
        var notes: [String] = []
        for kind in catalog.declaredLifecycleKinds.subtracting(LifecycleKind.builtIn).sorted() {
            if let label = catalog.lifecycleLabels?[kind] {
                labels.append(("lifecycle kind \(kind)", label))
            } else {
                notes.append("lifecycle kind \(kind) has no label in lifecycleLabels; letters show its name.")
            }
        }
        for occasion in catalog.occasions.subtracting(AccessOccasion.focusNordicPolicy).sorted() {
            if let label = catalog.occasionLabels?[occasion] {
                labels.append(("occasion \(occasion)", label))
            } else {
                notes.append("occasion \(occasion) has no label in occasionLabels; letters show its name.")
            }
        }
        for (what, label) in labels {
            let missing = Language.reportLanguages.filter { label[$0] == nil }
            guard !missing.isEmpty else { continue }
            let fallback = label.text(in: missing[0]) == label[.english] ? "English" : "\(label.languages[0])"
            notes.append(
                "\(what) has no \(missing.map(\.rawValue).joined(separator: ", ")) label; letters in "
                    + "\(missing.count == 1 ? "that language" : "those languages") show its \(fallback) one.")
        }
        return notes
    }

    /// What `set` changed, term by term.
    static func changes(from before: Catalog, to after: Catalog) -> [String] {
        func diff<T: VocabularyTerm>(_ what: String, _ old: some Collection<T>, _ new: some Collection<T>) -> [String] {
            let added = Set(new).subtracting(old).sorted().map(\.rawValue)
            let removed = Set(old).subtracting(new).sorted().map(\.rawValue)
            return (added.isEmpty ? [] : ["added \(what): \(added.joined(separator: ", "))"])
                + (removed.isEmpty ? [] : ["removed \(what): \(removed.joined(separator: ", "))"])
        }
        var lines = diff("categories", before.categories.keys, after.categories.keys)
        lines += diff("purposes", before.purposes.keys, after.purposes.keys)
        lines += diff("systems", before.systems.keys, after.systems.keys)
        lines += diff("recipients", before.recipients.keys, after.recipients.keys)
        lines += diff("occasions", before.occasions, after.occasions)
        func changed<K, V: Equatable>(_ old: [K: V], _ new: [K: V]) -> Int {
            old.filter { key, value in new[key].map { $0 != value } ?? false }.count
        }
        let changedCount =
            changed(before.categories, after.categories) + changed(before.purposes, after.purposes)
            + changed(before.systems, after.systems) + changed(before.recipients, after.recipients)
        if changedCount > 0 { lines.append("changed definitions: \(changedCount)") }
        return lines.isEmpty ? ["no change from the catalog the ledger had"] : lines
    }

    /// The catalog in words, labels in `language`.
    static func text(_ catalog: Catalog, heading: String, in language: Language) -> String {
        var lines = ["\(heading): \(catalog.controller.name) <\(catalog.controller.privacyContact)>"]
        lines.append("Categories (\(catalog.categories.count)):")
        for definition in catalog.categories.values.sorted(by: { $0.id < $1.id }) {
            lines.append(
                "  \(definition.id) — \(definition.label.text(in: language)) "
                    + "(\(definition.sensitivity.rawValue), \(definition.format.rawValue))")
        }
        lines.append("Purposes (\(catalog.purposes.count)):")
        for definition in catalog.purposes.values.sorted(by: { $0.id < $1.id }) {
            lines.append("  \(definition.id) — \(definition.label.text(in: language))")
            lines.append(
                "    may hold: \(definition.allowedCategories.sorted().map(\.rawValue).joined(separator: ", "))")
            lines.append(
                "    basis: \(definition.defaultBasis) (allowed: "
                    + "\(definition.allowedBases.sorted().map(\.rawValue).joined(separator: ", ")))"
                    + (definition.isDirectMarketing ? "; direct marketing" : ""))
        }
        lines.append("Systems (\(catalog.systems.count)):")
        for definition in catalog.systems.values.sorted(by: { $0.id < $1.id }) {
            lines.append("  \(definition.id) — \(definition.label.text(in: language))")
        }
        lines.append("Recipients (\(catalog.recipients.count)):")
        for definition in catalog.recipients.values.sorted(by: { $0.id < $1.id }) {
            lines.append(
                "  \(definition.id) — \(definition.label.text(in: language)) (\(definition.role.rawValue)): "
                    + definition.occasions.sorted().map(\.rawValue).joined(separator: ", "))
        }
        lines.append("Occasions: \(catalog.occasions.sorted().map(\.rawValue).joined(separator: ", "))")
        lines.append(
            "Lifecycle kinds: \(catalog.declaredLifecycleKinds.sorted().map(\.rawValue).joined(separator: ", "))")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A catalog file that was refused: `FILE:LINE:COLUMN: refused (RULE) at PATH: MESSAGE`, the
/// form editors and CI logs link to the place.
struct CatalogFileRefusal: Error, CustomStringConvertible {
    let file: String
    let error: CatalogError

    var description: String { error.line == nil ? "\(file): \(error)" : "\(file):\(error)" }
}
