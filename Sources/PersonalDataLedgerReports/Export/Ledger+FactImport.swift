public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// How far an import has come, as ``Ledger/importFacts(lines:batchSize:chain:progress:)`` reports it
/// after each batch.
public struct FactImportProgress: Hashable, Sendable {
    /// Lines read so far, the header included.
    public var linesRead: Int
    /// Facts appended by this import so far.
    public var imported: Int
    /// Facts already in the ledger and identical to the file's, skipped.
    public var skipped: Int
}

/// What an import did.
public struct FactImportSummary: Hashable, Sendable {
    /// The file's header.
    public var header: FactExportHeader
    /// Lines read, the header included.
    public var linesRead: Int
    /// Facts appended.
    public var imported: Int
    /// Facts that were already in the ledger (an earlier, interrupted run) and were skipped.
    public var skipped: Int
    /// The ledger's integrity head after the import.
    public var integrityHead: IntegrityHead
    /// Whether the ledger kept the file's chain (its head is the export's) or built a new one.
    public var chain: FactImportChain
}

/// What chain an import builds.
public enum FactImportChain: Hashable, Sendable {
    /// The export's own: every fact is appended with the salts and commitments the file gives,
    /// so the ledger's head is the export's and checkpoints of the source ledger verify here.
    /// Needs a `pdl.facts` file of version 2 and, when the file has lookup tokens, a ledger with
    /// the same identifier key. A version 1 file is imported into a new chain whatever is asked.
    case keep
    /// A new one: stores salt the commitments afresh and lookup tokens are made under this
    /// ledger's identifier key; checkpoints of the source ledger do not verify here.
    case new
}

extension Ledger {
    /// Imports facts from a `pdl.facts` JSON-lines export, into an empty ledger or one that holds
    /// a prefix of the same export.
    ///
    /// The facts keep their sequence numbers — rectifications and erasures refer to holdings by
    /// them — so the file's facts must continue the ledger: a fact whose number the ledger
    /// already has is skipped when it is identical (re-running an interrupted import resumes it)
    /// and refused otherwise. Each fact is checked by the rules a write of it would pass, against
    /// this ledger's catalog and the person's state as the facts before it leave it (terms
    /// declared, purpose limitation, bases, Art. 9(2) conditions, consent in force, restrictions,
    /// value formats; see `Documentation/ExportFormats.md`). Batches are appended under the
    /// write locks of their subjects, like any write.
    ///
    /// An erasure in the file over values or an identifier this ledger still holds is carried
    /// out, as ``erase(_:actor:)`` would: the store erases them physically and records the fact.
    /// An erasure over what is already erased (every genuine export) is recorded as it is.
    ///
    /// Facts are appended in order, `batchSize` at a time, each batch atomically: an interrupted
    /// import leaves a prefix of the file, never a hole. On the first bad line the facts before
    /// it are appended and the import stops with a ``LedgerError`` whose message starts with the
    /// line number; fix the line and run the import again.
    ///
    /// Do not write to the ledger while it imports: the numbers would no longer match.
    ///
    /// **The chain.** With ``FactImportChain/keep`` (the default) and a version 2 file, every
    /// fact is appended with the salts and commitments the file gives for it, and each line's
    /// rebuilt chain head is checked against the head the line states before it is appended: the
    /// ledger ends with the export's head, and a checkpoint taken of the source ledger verifies
    /// here. A line that does not rebuild its stated head is refused (the file was altered); a
    /// file whose lookup tokens were made under another identifier key than this ledger's is
    /// refused before anything is imported (copy the source's key, or import with
    /// ``FactImportChain/new``). Re-importing a ledger's own export changes nothing. A version 1
    /// file carries no commitments: it is imported into a new chain, as with ``FactImportChain/new``.
    ///
    /// - Parameters:
    ///   - lines: the file's lines, without their line feeds; blank lines are ignored.
    ///   - batchSize: how many facts each durable append carries.
    ///   - chain: keep the export's chain, or build a new one.
    ///   - progress: called after each batch.
    @discardableResult
    public func importFacts<Lines: Sequence>(
        lines: Lines, batchSize: Int = 1000, chain: FactImportChain = .keep,
        progress: (@Sendable (FactImportProgress) -> Void)? = nil
    ) async throws -> FactImportSummary where Lines.Element: StringProtocol {
        let batchSize = max(1, batchSize)
        let existingHead = try await store.integrityHead()
        let existing = existingHead.count
        var header: FactExportHeader?
        var keepsChain = false
        var fileChain = FactChain.emptyHead
        var lineNumber = 0
        var lastSequence: UInt64 = 0
        var pending: [(line: Int, fact: Fact, fields: [FieldCommitment]?)] = []
        var comparing: [(line: Int, fact: Fact)] = []
        var imported = 0
        var skipped = 0
        // The state every fact is judged against: the histories folded from the facts before it.
        var histories = SubjectHistories()
        var policies: [Fact] = []
        func fold(_ fact: Fact) {
            histories.apply(fact)
            if case .policyVersion = fact.body { policies.append(fact) }
        }

        func report() {
            progress?(FactImportProgress(linesRead: lineNumber, imported: imported, skipped: skipped))
        }
        func flush() async throws {
            guard !pending.isEmpty else { return }
            let appended: [Fact]
            do {
                appended = try await write(
                    numbered: pending.map(\.fact), committedAs: keepsChain ? pending.map { $0.fields ?? [] } : nil)
            } catch let error as LedgerError {
                throw LedgerError(error.rule, "Line \(pending[0].line): \(error.message)")
            } catch let error as LedgerStoreError where error.code == .invalidRequest {
                throw LedgerError(
                    .invalidRequest,
                    "Lines \(pending[0].line)–\(pending[pending.count - 1].line): the store refused the facts' commitments (\(error.message)). Nothing of these lines was imported."
                )
            }
            guard appended.map(\.sequence) == pending.map(\.fact.sequence) else {
                throw LedgerError(
                    .invalidRequest,
                    "Line \(pending[0].line): the ledger numbered the imported facts from \(appended.first?.sequence ?? 0), not \(pending[0].fact.sequence): something else wrote to it during the import. Stop other writers and import into an empty ledger."
                )
            }
            imported += pending.count
            pending.removeAll(keepingCapacity: true)
            report()
        }
        func compare() async throws {
            guard let first = comparing.first else { return }
            let stored = try await store.facts(from: first.fact.sequence, limit: comparing.count)
            for (index, entry) in comparing.enumerated() {
                guard index < stored.count, Self.sameFact(stored[index], entry.fact, version: header?.version ?? 0)
                else {
                    throw LedgerError(
                        .invalidRequest,
                        "Line \(entry.line): the ledger already has a fact \(entry.fact.sequence) and it differs from the file's. This file does not continue this ledger; import it into an empty ledger."
                    )
                }
            }
            skipped += comparing.count
            comparing.removeAll(keepingCapacity: true)
            report()
        }
        // The file's chain head after the last fact the ledger already held, once read.
        var prefixChain: [UInt8]?
        func checkPrefixChain() async throws {
            guard let chain = prefixChain else { return }
            prefixChain = nil
            guard Hex.encode(chain) == existingHead.hash else {
                throw LedgerError(
                    .invalidRequest,
                    "The ledger holds the file's first \(existing) facts, but under another chain head (\(existingHead.hash)) than the file's (\(Hex.encode(chain))): it was imported with a new chain or from another ledger, so it cannot keep the export's chain. Nothing was imported; import the file into an empty ledger, or with a new chain (pdl import --new-chain)."
                )
            }
        }
        func refuse(_ message: String, rule: LedgerError.Rule = .invalidRequest) async throws -> Never {
            try await compare()
            try await flush()
            let kept = try await store.integrityHead().count
            throw LedgerError(
                rule,
                "Line \(lineNumber): \(message) The lines before it are in the ledger (it holds \(kept) facts); correct this line and run the import again — facts already imported are skipped."
            )
        }

        for rawLine in lines {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let data = Data(line.utf8)
            guard header != nil else {
                guard let decoded = try? ExportDate.decoder.decode(FactExportHeader.self, from: data),
                    decoded.format == FactExportHeader.formatName
                else {
                    try await refuse(
                        "The file does not start with a pdl.facts header line. Use a file written by 'pdl export --format jsonl' or Ledger.exportFacts."
                    )
                }
                guard decoded.version <= FactExportHeader.currentVersion else {
                    try await refuse(
                        "The file is pdl.facts version \(decoded.version); this version of the library reads up to \(FactExportHeader.currentVersion). Upgrade pdl."
                    )
                }
                keepsChain = chain == .keep && decoded.version >= 2
                if keepsChain, let fingerprint = decoded.identifierKeyFingerprint,
                    fingerprint != identifierKeyFingerprint
                {
                    // Nothing is pending before the header: refused as it stands, nothing imported.
                    throw LedgerError(
                        .invalidRequest,
                        "Line \(lineNumber): The file's lookup tokens were made under another identifier key than this ledger's (\(identifierKeyFingerprint.map { "key \($0)" } ?? "it has none")), so the ledger cannot keep the export's chain and still find people by identifier. Nothing was imported. Give this ledger the source ledger's key (pdl: copy identifier.key from the source ledger's directory into the new one before 'pdl init'; on PostgreSQL, 'pdl keys adopt-identifier-key FILE'), or import with a new chain (pdl import --new-chain; checkpoints of the source ledger will not verify here)."
                    )
                }
                header = decoded
                continue
            }
            var fact: Fact
            var fields: [FieldCommitment]?
            var chainBroken = false
            let decodedLine: FactLine
            do {
                let decoded = try ExportDate.decoder.decode(FactLine.self, from: data)
                guard let built = decoded.fact else {
                    try await refuse(
                        "The line's kind is '\(decoded.kind.rawValue)' but it has no '\(decoded.kind.rawValue)' object."
                    )
                }
                fact = built
                decodedLine = decoded
            } catch let error as DecodingError {
                try await refuse("The line is not a fact of the pdl.facts format (\(Self.describe(error))).")
            }
            guard fact.sequence == lastSequence + 1 else {
                try await refuse(
                    "Expected fact \(lastSequence + 1), found fact \(fact.sequence): the file has a gap or is out of order."
                )
            }
            if keepsChain {
                let given = decodedLine.commitments?.map(\.field)
                guard let given, !given.contains(nil), let stated = decodedLine.chain else {
                    try await refuse(
                        "A version 2 line needs 'commitments' (each {\"salt\"}, {\"commitment\"} or {\"erasedBeforeRecording\"} in hexadecimal) and 'chain'; this one lacks them or has a malformed one. Import with a new chain (pdl import --new-chain) to import it without them."
                    )
                }
                fields = given.compactMap { $0 }
                var committer = PresetCommitter(fields ?? [])
                let canonical = FactChain.canonicalEncoding(
                    of: fact.draft, sequence: fact.sequence, committer: &committer)
                if let refusal = committer.refusal {
                    try await refuse("The line's commitments do not fit its fact: \(refusal)")
                }
                let linked = FactChain.link(fileChain, canonical: canonical)
                // Refused after the rules are checked: a rule broken says more than "altered".
                chainBroken = Hex.encode(linked) != stated.lowercased()
                fileChain = linked
            }
            lastSequence = fact.sequence
            // Kept with the chain, the lookup tokens are the file's (the key was checked above).
            if !keepsChain { fact = withImportedLookupToken(fact, histories: histories) }
            let altered =
                "The fact and its commitments rebuild another chain head than the line states: the line was altered after it was exported, so the ledger cannot keep the export's chain. Nothing of this line was imported."
            if keepsChain, fact.sequence == existing { prefixChain = fileChain }
            if fact.sequence <= existing {
                if chainBroken { try await refuse(altered) }
                fold(fact)
                comparing.append((lineNumber, fact))
                if comparing.count == batchSize { try await compare() }
                continue
            }
            try await compare()
            try await checkPrefixChain()
            do {
                try validator.imported(fact, histories: histories, policies: policies)
            } catch {
                try await refuse(error.message, rule: error.rule)
            }
            if chainBroken { try await refuse(altered) }
            if case .erasure(let erasure) = fact.body {
                // An erasure is never only recorded: over what this ledger still holds, it is
                // carried out (a file cannot make the history claim work that was not done).
                try await flush()
                if try await erasesHeldData(erasure) {
                    guard erasure.subject != .erased else {
                        try await refuse(
                            "The erasure names values the file still holds, of an identifier it shows as erased; an export never holds that, so the file was altered. Nothing of this line was imported."
                        )
                    }
                    let recorded: Fact
                    do {
                        recorded = try await erase(numbered: fact, erasure)
                    } catch let error as LedgerError {
                        throw LedgerError(error.rule, "Line \(lineNumber): \(error.message)")
                    } catch let error as LedgerStoreError where error.code == .invalidRequest {
                        try await refuse(error.message)
                    }
                    guard recorded.sequence == fact.sequence else {
                        throw LedgerError(
                            .invalidRequest,
                            "Line \(lineNumber): the ledger numbered the imported erasure \(recorded.sequence), not \(fact.sequence): something else wrote to it during the import. Stop other writers and import into an empty ledger."
                        )
                    }
                    if keepsChain, try await store.integrityHead().hash != Hex.encode(fileChain) {
                        throw LedgerStoreError.integrityViolation(
                            "Line \(lineNumber): the erasure was carried out, but the ledger's chain head after it differs from the one the file states: the erasure names a subject whose commitment differs from the file's. The ledger no longer keeps the export's chain; import the file into an empty ledger with a new chain (pdl import --new-chain)."
                        )
                    }
                    fold(fact)
                    imported += 1
                    report()
                    continue
                }
            }
            fold(fact)
            pending.append((lineNumber, fact, fields))
            if pending.count == batchSize { try await flush() }
        }
        try await compare()
        try await checkPrefixChain()
        try await flush()
        guard let header else {
            throw LedgerError(.invalidRequest, "The file is empty: it has no pdl.facts header line.")
        }
        if lastSequence < header.integrityHead.count {
            throw LedgerError(
                .invalidRequest,
                "The file ends after fact \(lastSequence) but its header announces \(header.integrityHead.count): it was cut short. The facts it holds are imported; import the complete file to add the rest."
            )
        }
        let head = try await store.integrityHead()
        if keepsChain {
            guard Hex.encode(fileChain) == header.integrityHead.hash else {
                throw LedgerStoreError.integrityViolation(
                    "The file's facts rebuild the chain head \(Hex.encode(fileChain)), not the head its header states (\(header.integrityHead.hash)): the header was altered or belongs to another export. The facts are in the ledger, but it does not continue the export's chain; import an unaltered export into an empty ledger."
                )
            }
            if existing > lastSequence {
                // A ledger that already holds more than the file: its history must contain the export's.
                _ = try await store.verify(against: header.integrityHead)
            } else if head != header.integrityHead {
                throw LedgerStoreError.integrityViolation(
                    "After the import the ledger's head is \(head), not the export's \(header.integrityHead): the store did not keep the commitments it was given. Report this as a bug of the store."
                )
            }
        }
        return FactImportSummary(
            header: header, linesRead: lineNumber, imported: imported, skipped: skipped, integrityHead: head,
            chain: keepsChain ? .keep : .new)
    }

    /// Whether a stored fact is the file's: equal, or — for a version 1 file, whose dates were
    /// written to the millisecond only — equal as such a file writes them.
    private static func sameFact(_ stored: Fact, _ file: Fact, version: Int) -> Bool {
        if stored == file { return true }
        guard version < 2 else { return false }
        let encoder = ExportDate.millisecondEncoder
        return (try? encoder.encode(FactLine(stored))) == (try? encoder.encode(FactLine(file)))
    }

    /// Imports facts from a `pdl.facts` export held in memory; see
    /// ``importFacts(lines:batchSize:chain:progress:)``.
    ///
    /// - Throws: ``LedgerError`` with rule ``LedgerError/Rule/invalidUTF8`` and the line number,
    ///   before anything is imported, when a line is not valid UTF-8: its bytes are refused,
    ///   never imported with replacement characters.
    @discardableResult
    public func importFacts(
        jsonLines data: Data, batchSize: Int = 1000, chain: FactImportChain = .keep,
        progress: (@Sendable (FactImportProgress) -> Void)? = nil
    ) async throws -> FactImportSummary {
        var lines: [String] = []
        for bytes in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw LedgerError(
                    .invalidUTF8,
                    "Line \(lines.count + 1): the line is not valid UTF-8 (a stray byte, an overlong encoding or an "
                        + "encoded surrogate); a pdl.facts export is always UTF-8. Nothing was imported.")
            }
            lines.append(line)
        }
        return try await importFacts(lines: lines, batchSize: batchSize, chain: chain, progress: progress)
    }

    /// `fact` with the lookup tokens of its holding or rectification computed under **this**
    /// ledger's identifier key. The tokens in a file are the source ledger's, made with a key the
    /// importing ledger does not have: kept, they would make every imported identifier
    /// unfindable. Without a key, or for a category that is not an identifier, there is no token.
    private func withImportedLookupToken(_ fact: Fact, histories: SubjectHistories) -> Fact {
        let body: Fact.Body
        switch fact.body {
        case .holding(let holding):
            body = .holding(withLookupToken(holding))
        case .rectification(var rectification):
            rectification.lookupToken = histories.holding(rectification.holding).flatMap {
                lookupToken(for: rectification.value, category: $0.holding.category)
            }
            body = .rectification(rectification)
        default:
            return fact
        }
        return Fact(sequence: fact.sequence, recordedAt: fact.recordedAt, actor: fact.actor, body: body)
    }

    /// Whether the ledger still holds something `erasure` says is erased: a value of a fact it
    /// lists, or — when it erases the identifier — the identifier itself.
    private func erasesHeldData(_ erasure: Erasure) async throws -> Bool {
        if erasure.identifierErased && erasure.subject != .erased { return true }
        for sequence in erasure.erased {
            guard let stored = try await store.facts(from: sequence, limit: 1).first else { continue }
            switch stored.body {
            case .holding(let holding):
                if let value = holding.value, value != .erased { return true }
            case .rectification(let rectification):
                if rectification.value != .erased { return true }
            default:
                continue
            }
        }
        return false
    }

    /// Where a line failed to decode, by key path: field names only, never a value.
    private static func describe(_ error: DecodingError) -> String {
        let (path, what): ([any CodingKey], String) =
            switch error {
            case .keyNotFound(let key, let context): (context.codingPath + [key], "missing")
            case .typeMismatch(_, let context): (context.codingPath, "of the wrong type")
            case .valueNotFound(_, let context): (context.codingPath, "null")
            case .dataCorrupted(let context):
                (context.codingPath, context.codingPath.isEmpty ? "not JSON" : "malformed")
            @unknown default: ([], "unreadable")
            }
        let keys = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return keys.isEmpty ? what : "'\(keys)' is \(what)"
    }
}
