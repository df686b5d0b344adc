import Foundation
import Testing

@testable import PersonalDataLedger
@testable import PersonalDataLedgerFileStore
@testable import TestSupport

/// Issue 13, item 11: damage to the files recovery relies on is reported as damage — by readers
/// and writers alike — and a refusing open writes nothing into the directory.
@Suite struct FileLedgerStoreDamageTests {
    enum Damage: String, CaseIterable, Sendable {
        case checkpointGarbled, checkpointEmpty, segmentDeleted, valuesVaultDeleted, identitiesVaultDeleted
        case valuesVaultEmptied, acknowledgedGarbled
    }

    /// Two batches, closed (so `CHECKPOINT` and `INDEX` exist).
    static func ledger(_ directory: TemporaryDirectory) async throws {
        let store = try FileStoreTesting.open(directory.ledger)
        _ = try await store.append([FileStoreTesting.holding("customer:1", value: "kari@example.no")])
        _ = try await store.append([FileStoreTesting.holding("customer:2", value: "ola@example.no")])
        try await store.close()
    }

    static func apply(_ damage: Damage, in ledger: String) throws {
        let file = { (name: String) in ledger + "/" + name }
        switch damage {
        case .checkpointGarbled:
            var bytes = FileStoreTesting.bytes(of: file("CHECKPOINT"))
            bytes[12] ^= 0x20
            FileStoreTesting.write(bytes, to: file("CHECKPOINT"))
        case .checkpointEmpty: FileStoreTesting.write([], to: file("CHECKPOINT"))
        case .segmentDeleted: try FileManager.default.removeItem(atPath: file(LedgerDirectory.segmentName(1)))
        case .valuesVaultDeleted: try FileManager.default.removeItem(atPath: file("values.vault"))
        case .identitiesVaultDeleted: try FileManager.default.removeItem(atPath: file("identities.vault"))
        case .valuesVaultEmptied: FileStoreTesting.write([], to: file("values.vault"))
        case .acknowledgedGarbled:
            FileStoreTesting.write(
                [UInt8](repeating: 0x55, count: AcknowledgedFile.size), to: file(AcknowledgedFile.name))
        }
    }

    static func named(_ damage: Damage) -> String {
        switch damage {
        case .checkpointGarbled, .checkpointEmpty: "CHECKPOINT"
        case .segmentDeleted: LedgerDirectory.segmentName(1)
        case .valuesVaultDeleted, .valuesVaultEmptied: "values.vault"
        case .identitiesVaultDeleted: "identities.vault"
        case .acknowledgedGarbled: AcknowledgedFile.name
        }
    }

    @Test(arguments: Damage.allCases)
    func damageIsRefusedByReadersAndWritersAndNothingIsWritten(damage: Damage) async throws {
        let directory = TemporaryDirectory()
        try await Self.ledger(directory)
        try Self.apply(damage, in: directory.ledger)
        let damaged = DirectoryImage(of: directory.ledger)
        for mode in [FileLedgerStore.AccessMode.readOnly, .readWrite] {
            let error: (any Error)?
            do {
                try FileStoreTesting.open(directory.ledger, mode: mode).abandon()
                error = nil
            } catch let caught { error = caught }
            #expect(isStoreError(error, .corrupted, mentioning: Self.named(damage)), "\(damage), \(mode)")
            #expect(!(error.map { "\($0)" } ?? "").contains("no ledger"), "\(damage), \(mode)")
            // Nothing but the writer's process id in LOCK changed.
            #expect(
                DirectoryImage(of: directory.ledger).files.filter { $0.key != "LOCK" }
                    == damaged.files.filter { $0.key != "LOCK" }, "\(damage), \(mode)")
        }
    }
}
