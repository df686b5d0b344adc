public import PersonalDataLedger

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The first line of a `pdl.facts` JSON-lines export: the format, its version, and the state of
/// the ledger the facts were read from.
///
/// ``integrityHead`` names the source ledger's hash chain at the export's last fact. A ledger
/// that imports the file builds its own chain (stores salt their commitments afresh), so the
/// head identifies the source; it is not expected to reappear after an import.
public struct FactExportHeader: Hashable, Sendable, Codable {
    /// The format's name: `pdl.facts`.
    public static let formatName = "pdl.facts"
    /// The newest format version this library writes and reads.
    public static let currentVersion = 1

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

    /// Creates a header for an export of the current version.
    public init(exportedAt: Date, integrityHead: IntegrityHead, controller: String? = nil) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.exportedAt = exportedAt
        self.integrityHead = integrityHead
        self.controller = controller
    }
}
