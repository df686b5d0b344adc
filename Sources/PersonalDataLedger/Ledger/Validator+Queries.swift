#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The rules of the questions the ledger answers and the sweeps it runs: finding people by
/// identifier, the day retention is applied as of, a breach window, a notification list.
extension Validator {
    /// An identifier to find has a findable format, the ledger a key to hash it with, and it is
    /// well formed; returns it in normal form.
    func identifierToFind(
        _ identifier: String, as format: ValueFormat, region: Region, key: IdentifierKey?
    ) throws(LedgerError) -> (String, IdentifierKey) {
        guard Ledger.findableFormats.contains(format) else {
            throw LedgerError(
                .invalidRequest,
                "People are found by email, phone, national ID number or bank account; '\(format.rawValue)' values are not identifiers."
            )
        }
        guard let key else {
            throw LedgerError(
                .identifierKeyRequired,
                "Finding people by identifier needs the ledger's identifier key: create the Ledger with identifierKey: (for a ledger directory, FileLedgerStore.identifierKey(creatingIfAbsent:); pdl: run pdl init). Holdings recorded without a key cannot be found."
            )
        }
        do {
            return (try format.normalize(identifier, region: region), key)
        } catch {
            throw LedgerError(.malformedValue, "The identifier to find is not valid: \(error.message)")
        }
    }

    /// Retention is applied as of now or a day past, never a future one.
    func retentionSweep(asOf instant: Date, now: Date) throws(LedgerError) {
        guard instant <= now else {
            throw LedgerError(
                .invalidRequest,
                "Retention cannot be applied as of a future date: data would be erased before its time. List what will be due with retentionDue(asOf:) (pdl retention --as-of DATE without --apply) instead."
            )
        }
    }

    /// A breach names at least one declared system and a window that does not end before it starts.
    package func breach(of systems: [SystemID], from: Date, to: Date) throws(LedgerError) {
        guard !systems.isEmpty else {
            throw LedgerError(.invalidRequest, "Name at least one system that was breached.")
        }
        guard from <= to else {
            throw LedgerError(.invalidRequest, "The breach window ends before it starts; check --from and --to.")
        }
        for system in systems { try self.system(system) }
    }

    /// A notification list is for a published major version.
    package func notification(of version: String, published: PolicyVersion?) throws(LedgerError) -> PolicyVersion {
        guard let published else {
            throw LedgerError(
                .unknownPolicyVersion,
                "Policy version '\(version)' was never published. Publish it with publishPolicy(version:effectiveFrom:isMajor:) first."
            )
        }
        guard published.isMajor else {
            throw LedgerError(
                .invalidRequest,
                "Policy version '\(version)' is a minor change: the privacy policy announces only major changes by email. Publish it as major if it is one."
            )
        }
        return published
    }
}
