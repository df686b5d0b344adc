/// The rules of an erasure request (GDPR Art. 17).
extension Validator {
    /// A scope that is not everything names at least one declared category, declared purpose or
    /// holding.
    func erasure(_ scope: ErasureRequestScope) throws(LedgerError) {
        switch scope {
        case .everything: break
        case .categories(let categories):
            guard !categories.isEmpty else {
                throw LedgerError(.invalidRequest, "Name at least one category to erase, or erase everything.")
            }
            for category in categories { _ = try self.category(category) }
        case .purposes(let purposes):
            guard !purposes.isEmpty else {
                throw LedgerError(.invalidRequest, "Name at least one purpose to erase, or erase everything.")
            }
            for purpose in purposes { _ = try self.purpose(purpose) }
        case .holdings(let holdings):
            guard !holdings.isEmpty else {
                throw LedgerError(.invalidRequest, "Name at least one holding to erase, or erase everything.")
            }
        }
    }

    /// A scope of holdings names only holdings of the person (or of identifiers linked to them).
    func erasure(_ scope: ErasureRequestScope, of known: Set<UInt64>) throws(LedgerError) {
        guard case .holdings(let wanted) = scope else { return }
        if let unknown = wanted.sorted().first(where: { !known.contains($0) }) {
            throw LedgerError(
                .invalidRequest,
                "Fact \(unknown) is not a holding of this person or of an identifier linked to it; nothing was planned. List the holdings with the access report."
            )
        }
    }
}
