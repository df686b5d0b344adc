extension Ledger {
    /// Reads every fact from the first up to `count` (the store's count when `nil`), a page at a
    /// time, so a scan of a large ledger never holds it all in memory.
    ///
    /// Reports that have no index to go by (the record of processing, breach impact, exports)
    /// read here. Fixing the count first gives a consistent snapshot: facts appended during the
    /// scan are not seen. `progress`, when given, hears after each page how many facts were read
    /// and how many the scan covers. A report that reads the ledger twice — a first pass learns
    /// what later facts say of earlier ones (erasures), the second answers with it, so neither
    /// keeps the facts — names its `pass`: progress then counts both passes as one scan of
    /// `count` facts.
    package func scanFacts(
        through count: UInt64? = nil, pageSize: Int = 4096, pass: ScanPass = .only,
        progress: (@Sendable (_ read: UInt64, _ total: UInt64) -> Void)? = nil, _ body: (Fact) throws -> Void
    ) async throws {
        var end = count ?? 0
        if count == nil { end = try await store.integrityHead().count }
        var next: UInt64 = 1
        while next <= end {
            let limit = Int(min(UInt64(pageSize), end - next + 1))
            let page = try await store.facts(from: next, limit: limit)
            guard !page.isEmpty else { break }
            for fact in page where fact.sequence <= end { try body(fact) }
            next = page[page.count - 1].sequence + 1
            progress?(pass.overall(min(next - 1, end), of: end), end)
        }
    }
}

/// Which of the passes of a whole-ledger report a scan is, for its progress.
package struct ScanPass: Sendable {
    /// This pass's number, from 1.
    let number: UInt64
    /// How many passes the report makes.
    let count: UInt64

    /// The only pass.
    package static let only = ScanPass(number: 1, count: 1)
    /// The first of two passes.
    package static let firstOfTwo = ScanPass(number: 1, count: 2)
    /// The second of two passes.
    package static let secondOfTwo = ScanPass(number: 2, count: 2)

    /// How far the whole report is, in facts of `total`, with `read` facts read in this pass.
    func overall(_ read: UInt64, of total: UInt64) -> UInt64 {
        ((number - 1) * total + read) / count
    }
}
