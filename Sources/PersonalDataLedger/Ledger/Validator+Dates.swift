#if canImport(FoundationEssentials)
    package import FoundationEssentials
#else
    package import Foundation
#endif

extension Validator {
    /// The instants ISO 8601's four-digit years can name, 0001-01-01T00:00:00Z up to the end of
    /// 9999, in seconds since 1970. Outside them a date cannot be printed in an export, and day
    /// arithmetic on it (a request's deadline) would overflow.
    private static let representableDates: Range<Double> = -62_135_596_800..<253_402_300_800

    private static func isRepresentable(_ date: Date) -> Bool {
        representableDates.contains(date.timeIntervalSince1970)
    }

    /// Refuses a date the ledger could not store, compare and print: NaN, infinite, or outside
    /// the years 0001–9999. `argument` names the parameter, never its value; `isQuery` says
    /// whether the call reads (nothing was read) or writes (nothing was recorded).
    package func pointInTime(_ date: Date?, argument: String, isQuery: Bool = false) throws(LedgerError) {
        guard let date, !Self.isRepresentable(date) else { return }
        throw LedgerError(
            .dateOutOfRange,
            "'\(argument)' is not a point in time between the years 0001 and 9999 (it is NaN, infinite or too far out); nothing was \(isQuery ? "read" : "recorded"). Pass a date made from a real time, such as one parsed from ISO 8601."
        )
    }

    /// Refuses facts any date of which — when it was recorded, or one in its body — is not a point
    /// in time (see ``pointInTime(_:argument:isQuery:)``): the last check before the store, so
    /// that a clock or an import cannot write what the public arguments are checked for.
    func pointsInTime(of facts: [NewFact]) throws(LedgerError) {
        for fact in facts {
            if let field = fact.firstDatedField(where: { !Self.isRepresentable($0) }) {
                throw LedgerError(
                    .dateOutOfRange,
                    "The \(fact.body.kind) fact's '\(field)' is not a point in time between the years 0001 and 9999 (it is NaN, infinite or too far out); nothing was recorded. Check the ledger clock, or the file being imported."
                )
            }
        }
    }
}
