extension Ledger {
    /// Reads every fact from the first up to `count` (the store's count when `nil`), a page at a
    /// time, so a scan of a large ledger never holds it all in memory.
    ///
    /// Reports that have no index to go by (the record of processing, breach impact, exports)
    /// read here. Fixing the count first gives a consistent snapshot: facts appended during the
    /// scan are not seen. `progress`, when given, hears after each page how many facts were read
    /// and how many the scan covers.
    package func scanFacts(
        through count: UInt64? = nil, pageSize: Int = 4096,
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
            progress?(min(next - 1, end), end)
        }
    }
}
