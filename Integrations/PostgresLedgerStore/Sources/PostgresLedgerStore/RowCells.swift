import PersonalDataLedger
import PostgresNIO

/// A row's cells read in order, each decoded as one concrete type.
///
/// For the statements every append and every read runs. `row.decode((A, B, …).self)` goes
/// through parameter packs, and the runtime looks up their generic metadata on every row: a
/// report's 11 rows took 10.7 µs to decode that way and 6.4 µs cell by cell
/// (`Documentation/Performance.md`).
struct RowCells {
    private var cells: PostgresRow.Iterator

    init(_ row: PostgresRow) { cells = row.makeIterator() }

    /// The next cell, decoded as `T`.
    ///
    /// - Throws: ``LedgerStoreError`` (`corrupted`) when the row has no more cells; postgres-nio's
    ///   decoding error when the cell does not hold a `T` (or is `NULL`).
    mutating func next<T: PostgresDecodable>(_: T.Type) throws -> T {
        try nextCell().decode(T.self)
    }

    /// The next cell decoded as `T`, or `nil` when it is `NULL`.
    mutating func nextOptional<T: PostgresDecodable>(_: T.Type) throws -> T? {
        let cell = try nextCell()
        return cell.bytes == nil ? nil : try cell.decode(T.self)
    }

    private mutating func nextCell() throws -> PostgresCell {
        guard let cell = cells.next() else {
            throw LedgerStoreError.corrupted(
                "A row from PostgreSQL has fewer columns than the statement selects: the ledger's functions were changed by something else. Open the ledger again to recreate them."
            )
        }
        return cell
    }
}
