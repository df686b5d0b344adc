public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The first line of a `pdl.facts` JSON-lines export: the format, its version, and the state of
/// the ledger the facts were read from.
///
/// ``integrityHead`` names the source ledger's hash chain at the export's last fact. From
/// version 2 every line carries the salts and commitments the chain is built from, and an import
/// into an empty ledger rebuilds the same chain and checks that it ends at this head — so a
/// checkpoint taken before a migration still verifies after it. A version 1 file carries none:
/// the importing ledger builds a new chain.
public struct FactExportHeader: Hashable, Sendable, Codable {
    /// The format's name: `pdl.facts`.
    public static let formatName = "pdl.facts"
    /// The newest format version this library writes and reads.
    ///
    /// - 1: facts only; an import builds a new chain.
    /// - 2: each line adds `commitments` and `chain`; the header adds
    ///   ``identifierKeyFingerprint``. An import keeps the chain.
    public static let currentVersion = 2

    /// The format's name, always `pdl.facts`.
    public var format: String
    /// The format version.
    public var version: Int
    /// When the export was made.
    public var exportedAt: Date
    /// The source ledger's integrity head: the number of facts exported and the chain hash
    /// after the last of them.
    public var integrityHead: IntegrityHead
    /// The controller whose ledger it is.
    public var controller: String?
    /// The ``IdentifierKey/fingerprint`` of the key the source ledger's lookup tokens were made
    /// with, or `nil` when it had none (version 2). The tokens are part of the chain, so an import
    /// that keeps the chain needs a ledger with the same key.
    public var identifierKeyFingerprint: String?

    /// Creates a header for an export of the current version.
    public init(
        exportedAt: Date, integrityHead: IntegrityHead, controller: String? = nil,
        identifierKeyFingerprint: String? = nil
    ) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.exportedAt = exportedAt
        self.integrityHead = integrityHead
        self.controller = controller
        self.identifierKeyFingerprint = identifierKeyFingerprint
    }
}
