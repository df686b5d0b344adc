public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension Ledger {
    /// Writes every fact as JSON lines (format `pdl.facts`, documented in
    /// `Documentation/ExportFormats.md`): a header line with the format, its version and the
    /// integrity head, then one fact per line in sequence order, dates in ISO 8601 UTC to the
    /// millisecond.
    ///
    /// The export covers the facts present when it starts; facts appended meanwhile are left out,
    /// so the header's head matches the last line. It carries personal values in clear (erased
    /// ones as `{"erased":true}`): treat the file as the personal data it is.
    ///
    /// - Parameters:
    ///   - batchSize: how many facts to read and hand to `write` at a time.
    ///   - write: receives the export in pieces, each ending with a line feed.
    /// - Returns: the header written first.
    @discardableResult
    public func exportFacts(
        batchSize: Int = 1000, to write: (Data) throws -> Void
    ) async throws -> FactExportHeader {
        let head = try await store.integrityHead()
        let header = FactExportHeader(
            exportedAt: clock.now(), integrityHead: head, controller: catalog.controller.name)
        var data = try ExportDate.encoder.encode(header)
        data.append(0x0A)
        try write(data)
        data = Data()
        var lines = 0
        try await scanFacts(through: head.count, pageSize: max(1, batchSize)) { fact in
            data.append(try ExportDate.encoder.encode(FactLine(fact)))
            data.append(0x0A)
            lines += 1
            if lines == batchSize {
                try write(data)
                data = Data()
                lines = 0
            }
        }
        if !data.isEmpty { try write(data) }
        return header
    }

    /// Every fact as JSON lines, in memory: ``exportFacts(batchSize:to:)`` for small ledgers and
    /// tests.
    public func exportFacts() async throws -> Data {
        var data = Data()
        try await exportFacts { data.append($0) }
        return data
    }
}
