public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Ledger {
    /// Writes every fact as JSON lines (format `pdl.facts` version 2, documented in
    /// `Documentation/ExportFormats.md`): a header line with the format, its version, the
    /// integrity head and the identifier key's fingerprint, then one fact per line in sequence
    /// order, with the commitments of its personal fields and the chain head after it. Dates are
    /// ISO 8601 UTC, to the millisecond or, when a date is not a whole millisecond, with the digits
    /// that give it back exactly.
    ///
    /// An import of the file into an empty ledger rebuilds the same chain, so checkpoints of this
    /// ledger verify there. The export covers the facts present when it starts; facts appended
    /// meanwhile are left out, so the header's head matches the last line. Before returning it
    /// checks that the lines rebuild that head.
    ///
    /// The file carries personal values in clear (erased ones as `{"erased":true}`) and the salts
    /// of their commitments, which let anyone confirm a guessed value: treat it as the personal
    /// data it is. Nothing erased is in it — an erased value or identifier appears only as its
    /// commitment.
    ///
    /// - Parameters:
    ///   - batchSize: how many facts to read and hand to `write` at a time.
    ///   - progress: called after each batch with the facts written so far and the total.
    ///   - write: receives the export in pieces, each ending with a line feed.
    /// - Returns: the header written first.
    /// - Throws: ``LedgerStoreError/integrityViolation(_:)`` when the store's facts do not
    ///   rebuild its own chain (run `verify`); the lines written so far are not a faithful export.
    @discardableResult
    public func exportFacts(
        batchSize: Int = 1000, progress: (@Sendable (_ read: UInt64, _ total: UInt64) -> Void)? = nil,
        to write: (Data) throws -> Void
    ) async throws -> FactExportHeader {
        let batchSize = max(1, batchSize)
        let head = try await store.integrityHead()
        let header = FactExportHeader(
            exportedAt: clock.now(), integrityHead: head, controller: catalog.controller.name,
            identifierKeyFingerprint: identifierKeyFingerprint)
        var data = try ExportDate.encoder.encode(header)
        data.append(0x0A)
        try write(data)
        var chain = FactChain.emptyHead
        var next: UInt64 = 1
        while next <= head.count {
            let page = try await store.committedFacts(
                from: next, limit: Int(min(UInt64(batchSize), head.count - next + 1)))
            guard !page.isEmpty else { break }
            data = Data()
            for committed in page where committed.fact.sequence <= head.count {
                var committer = PresetCommitter(committed.fields)
                let canonical = FactChain.canonicalEncoding(
                    of: committed.fact.draft, sequence: committed.fact.sequence, committer: &committer)
                guard committer.isComplete else {
                    throw LedgerStoreError.integrityViolation(
                        "Fact \(committed.fact.sequence) does not fit the commitments the store keeps for it (\(committer.refusal ?? "")); the export stops. Run 'pdl verify'."
                    )
                }
                chain = FactChain.link(chain, canonical: canonical)
                data.append(try ExportDate.encoder.encode(FactLine(committed, chain: chain)))
                data.append(0x0A)
            }
            try write(data)
            next = page[page.count - 1].fact.sequence + 1
            progress?(min(next - 1, head.count), head.count)
        }
        guard Hex.encode(chain) == head.hash else {
            throw LedgerStoreError.integrityViolation(
                "The exported facts rebuild the chain head \(Hex.encode(chain)), not the store's \(head.hash): the file is not a faithful export. Run 'pdl verify'."
            )
        }
        return header
    }

    /// Every fact as JSON lines, in memory: ``exportFacts(batchSize:progress:to:)`` for small ledgers and
    /// tests.
    public func exportFacts() async throws -> Data {
        var data = Data()
        try await exportFacts { data.append($0) }
        return data
    }
}
